using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Store;

/// <summary>
/// The joins of the statements that read the lines are planned as written only while those statements run: DuckDB's
/// disabled_optimizers is global to the database instance, so a failed statement must not leave it set for every
/// later statement of the run, nor one step's end switch it back while another step's statement still needs it.
/// </summary>
public sealed class WrittenJoinOrderTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    private static string DisabledOptimizers(SegmentaStore store) => store.Scalar<string>("SELECT current_setting('disabled_optimizers')") ?? "";

    [Fact]
    public void The_optimizer_is_off_while_the_work_runs_and_on_again_after()
    {
        string? during = null;

        WrittenJoinOrder.Run(_store.Store, () => during = DisabledOptimizers(_store.Store));

        Assert.Equal("build_side_probe_side", during);
        Assert.Equal("", DisabledOptimizers(_store.Store));
    }

    [Fact]
    public void A_failed_statement_does_not_leave_the_optimizer_off()
    {
        var error = Record.Exception(() => WrittenJoinOrder.Execute(_store.Store, "CREATE TABLE t AS SELECT 1 AS x; SELECT * FROM no_such_table"));

        Assert.NotNull(error);
        Assert.Equal("", DisabledOptimizers(_store.Store));
    }

    [Fact]
    public void Overlapping_scopes_on_two_connections_keep_it_off_until_the_last_one_ends()
    {
        using var other = _store.Store.Duplicate();
        string? afterInnerEnded = null;

        WrittenJoinOrder.Run(_store.Store, () =>
        {
            WrittenJoinOrder.Run(other, () => { });
            afterInnerEnded = DisabledOptimizers(_store.Store);
        });

        Assert.Equal("build_side_probe_side", afterInnerEnded);
        Assert.Equal("", DisabledOptimizers(other));
    }
}
