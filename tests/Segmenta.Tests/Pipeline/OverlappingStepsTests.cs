using Segmenta.Pipeline;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Pipeline;

/// <summary>DuckDB runs one thread per statement while the steps after the features overlap, and its own count after.</summary>
public sealed class OverlappingStepsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Concurrent_steps_run_on_one_engine_thread_and_the_count_in_force_comes_back_after()
    {
        using var store = SegmentaStore.Open(_directory.File("a.duckdb"));
        store.Execute("SET threads = 3");

        using (OverlappingSteps.OneEngineThreadEach(store, concurrent: true))
        {
            Assert.Equal(1, Threads(store));
            // A step's own connection (StepBranches) shares the setting: it is the database's.
            using var step = store.Duplicate();
            Assert.Equal(1, Threads(step));
        }

        Assert.Equal(3, Threads(store));
    }

    [Fact]
    public void Steps_one_after_another_keep_the_engine_threads()
    {
        using var store = SegmentaStore.Open(_directory.File("b.duckdb"));
        store.Execute("SET threads = 2");

        using (OverlappingSteps.OneEngineThreadEach(store, concurrent: false))
        {
            Assert.Equal(2, Threads(store));
        }

        Assert.Equal(2, Threads(store));
    }

    public void Dispose() => _directory.Dispose();

    private static long Threads(SegmentaStore store) => store.Scalar<long>("SELECT current_setting('threads')::BIGINT");
}
