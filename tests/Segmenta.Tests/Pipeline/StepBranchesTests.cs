using System.Diagnostics;
using Segmenta.Pipeline;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Pipeline;

/// <summary>Steps run at the same time on their own connections; failures and cancellation behave as one after another.</summary>
public sealed class StepBranchesTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void The_failure_reported_is_the_earliest_step_in_run_order_even_when_a_later_one_fails_first()
    {
        using var store = SegmentaStore.Open(_directory.File("a.duckdb"));
        var branches = new StepBranches(store, concurrent: true, CancellationToken.None);

        branches.Start(0, _ =>
        {
            Thread.Sleep(300);
            return Fail("first in run order");
        });
        branches.Start(1, _ => Fail("first in time"));

        var error = Assert.Throws<SegmentaException>(() => branches.Join());
        Assert.Equal("first in run order", error.Message);
    }

    [Fact]
    public void A_step_whose_prerequisite_failed_does_not_run()
    {
        using var store = SegmentaStore.Open(_directory.File("b.duckdb"));
        var branches = new StepBranches(store, concurrent: true, CancellationToken.None);
        var ran = false;

        var first = branches.Start(0, _ => Fail("prerequisite"));
        branches.Start(1, _ => ran = true, first);

        Assert.Equal("prerequisite", Assert.Throws<SegmentaException>(() => branches.Join()).Message);
        Assert.False(ran);
    }

    [Fact]
    public void Steps_read_what_their_prerequisites_wrote_on_other_connections()
    {
        using var store = SegmentaStore.Open(_directory.File("c.duckdb"));
        var branches = new StepBranches(store, concurrent: true, CancellationToken.None);

        var write = branches.Start(0, s =>
        {
            s.Execute("CREATE TABLE written AS SELECT 42 AS answer");
            return 0;
        });
        var read = branches.Start(1, s => s.Scalar<int>("SELECT answer FROM written"), write);
        branches.Join();

        Assert.Equal(42, StepBranches.Result(read));
    }

    [Fact]
    public void One_after_another_a_failing_step_stops_the_run_before_the_next_starts()
    {
        using var store = SegmentaStore.Open(_directory.File("d.duckdb"));
        var branches = new StepBranches(store, concurrent: false, CancellationToken.None);

        Assert.Throws<SegmentaException>(() => StepBranches.Result(branches.Start(0, _ => Fail("at once"))));
    }

    [Fact]
    public void A_cancellation_interrupts_the_statement_running_on_each_connection()
    {
        using var store = SegmentaStore.Open(_directory.File("e.duckdb"));
        using var cancel = new CancellationTokenSource();
        var branches = new StepBranches(store, concurrent: true, cancel.Token);
        var clock = Stopwatch.StartNew();

        // 10^10 rows each: minutes of work if nothing stops them.
        branches.Start(0, s => s.Scalar<long>("SELECT sum(a.range * b.range) FROM range(100000) a, range(100000) b"));
        branches.Start(1, s => s.Scalar<long>("SELECT sum(a.range + b.range) FROM range(100000) a, range(100000) b"));
        cancel.CancelAfter(500);

        Assert.ThrowsAny<OperationCanceledException>(() => branches.Join());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    public void Dispose() => _directory.Dispose();

    private static int Fail(string message) => throw new SegmentaException(message);
}
