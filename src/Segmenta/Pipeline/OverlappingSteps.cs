using System.Globalization;
using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>
/// One DuckDB thread while the steps after the customer features run side by side (<see cref="StepBranches"/>): four to
/// six steps then each run their statements on their own thread, and DuckDB's worker threads only add a thread per core
/// that the steps' own threads already fill, with DuckDB 1.5's calling threads busy-polling the scheduler while a worker
/// holds their tasks (duckdb/duckdb#22178, decision 42). Set back when disposed; nothing when the steps run one after
/// another, or when <c>SEGMENTA_THREADS</c> chose the count.
/// </summary>
internal sealed class OverlappingSteps : IDisposable
{
    private readonly SegmentaStore _store;
    private readonly long? _threads;

    private OverlappingSteps(SegmentaStore store, long? threads) => (_store, _threads) = (store, threads);

    /// <summary>Lowers DuckDB's threads to one while <paramref name="concurrent"/> steps run (no statement may be running).</summary>
    public static OverlappingSteps OneEngineThreadEach(SegmentaStore store, bool concurrent)
    {
        if (!concurrent || Environment.GetEnvironmentVariable(EngineLimits.ThreadsVariable) is { Length: > 0 })
        {
            return new OverlappingSteps(store, null);
        }
        var threads = store.Scalar<long>("SELECT current_setting('threads')::BIGINT");
        if (threads <= 1)
        {
            return new OverlappingSteps(store, null);
        }
        store.Execute("SET threads = 1");
        return new OverlappingSteps(store, threads);
    }

    public void Dispose()
    {
        if (_threads is { } threads)
        {
            _store.Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
        }
    }
}
