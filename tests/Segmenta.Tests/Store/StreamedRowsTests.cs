using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Store;

public sealed class StreamedRowsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Stream_visits_the_same_rows_in_the_same_order_as_Query_for_a_result_of_many_chunks()
    {
        using var store = SegmentaStore.Open(_directory.File("stream.duckdb"));
        // 100,000 rows span many of DuckDB's 2,048-row chunks; the order is the query's.
        const string sql = "SELECT i, (i * 7) % 1000 AS v FROM range(100000) t(i) ORDER BY v, i";
        var queried = store.Query(sql, r => (r.GetInt64(0), r.GetInt64(1)));

        var streamed = new List<(long, long)>();
        store.Stream(sql, r => streamed.Add((r.GetInt64(0), r.GetInt64(1))));

        Assert.Equal(100_000, streamed.Count);
        Assert.Equal(queried, streamed);
    }

    [Fact]
    public void Stream_passes_its_parameters()
    {
        using var store = SegmentaStore.Open(_directory.File("parameters.duckdb"));
        var seen = new List<long>();

        store.Stream("SELECT i FROM range(10) t(i) WHERE i >= $from ORDER BY i", r => seen.Add(r.GetInt64(0)), ("from", 7));

        Assert.Equal([7L, 8L, 9L], seen);
    }

    public void Dispose() => _directory.Dispose();
}
