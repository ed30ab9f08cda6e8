using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Store;

public sealed class MemoryTraceTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void A_sample_gives_the_seconds_the_process_s_memory_and_DuckDB_s_memory_and_limit()
    {
        using var store = SegmentaStore.Open(_directory.File("sample.duckdb"));
        store.Execute("SET memory_limit = '2GiB'");

        var fields = MemoryTrace.Sample(store, TimeSpan.FromSeconds(3.4)).Split(' ');

        Assert.Equal(8, fields.Length);
        Assert.Equal("3", fields[0]);
        Assert.InRange(long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), 1, long.MaxValue);
        Assert.Equal("2.0GiB", fields[5]);
    }

    [Fact]
    public void A_trace_writes_its_header_and_a_sample_at_once_and_nothing_without_a_file()
    {
        using var store = SegmentaStore.Open(_directory.File("trace.duckdb"));
        var file = _directory.File("trace.txt");

        Assert.Null(MemoryTrace.Start(store, " "));
        using (MemoryTrace.Start(store, file))
        {
            // Disposing stops the thread after its first sample at the latest.
        }

        var lines = File.ReadAllLines(file);
        Assert.StartsWith("seconds rss_mb", lines[0]);
        Assert.True(lines.Length >= 2, $"{lines.Length} line(s)");
    }

    public void Dispose() => _directory.Dispose();
}
