using System.Diagnostics;
using System.Globalization;

namespace Segmenta.Store;

/// <summary>
/// For measuring where a run's memory goes (<c>SEGMENTA_MEMORY_TRACE=FILE</c>): once a second, on a thread and a DuckDB
/// connection of its own, appends to FILE the seconds since the store opened, the process's resident memory, the
/// managed heap (size after the last collection and committed), DuckDB's buffer-managed memory
/// (<c>duckdb_memory()</c>), its limit in force and its largest tag. The process's peak alone does not say whether DuckDB's cache, its
/// allocator or the C# arrays made it (docs/benchmarks.md, session 14). Off (and free) when the variable is not set.
/// </summary>
internal sealed class MemoryTrace : IDisposable
{
    internal const string Variable = "SEGMENTA_MEMORY_TRACE";

    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    private MemoryTrace(SegmentaStore store, string file)
    {
        var connection = store.Duplicate();
        var clock = Stopwatch.StartNew();
        _thread = new Thread(() =>
        {
            using (connection)
            using (var writer = new StreamWriter(file, append: true) { AutoFlush = true })
            {
                writer.WriteLine("seconds rss_mb gc_heap_mb gc_committed_mb duckdb_mb duckdb_limit top_tag top_tag_mb");
                do
                {
                    writer.WriteLine(Sample(connection, clock.Elapsed));
                }
                while (!_stop.Token.WaitHandle.WaitOne(1000));
            }
        })
        { IsBackground = true, Name = "Segmenta memory trace" };
        _thread.Start();
    }

    /// <summary>Starts the trace when <c>SEGMENTA_MEMORY_TRACE</c> names a file; else null.</summary>
    internal static MemoryTrace? StartIfAsked(SegmentaStore store) => Start(store, Environment.GetEnvironmentVariable(Variable));

    /// <summary>Starts a trace into <paramref name="file"/> (appended to); null when no file is named.</summary>
    internal static MemoryTrace? Start(SegmentaStore store, string? file) =>
        string.IsNullOrWhiteSpace(file) ? null : new MemoryTrace(store, file.Trim());

    /// <summary>One line of the trace.</summary>
    internal static string Sample(SegmentaStore connection, TimeSpan elapsed)
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var (duckdb, limit, tag, tagBytes) = connection.Query(
            "SELECT sum(memory_usage_bytes) OVER (), replace(current_setting('memory_limit'), ' ', ''), tag, memory_usage_bytes FROM duckdb_memory() ORDER BY memory_usage_bytes DESC, tag LIMIT 1",
            r => (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3)))[0];
        return string.Create(CultureInfo.InvariantCulture,
            $"{elapsed.TotalSeconds:F0} {process.WorkingSet64 >> 20} {gc.HeapSizeBytes >> 20} {gc.TotalCommittedBytes >> 20} {duckdb >> 20} {limit} {tag} {tagBytes >> 20}");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
