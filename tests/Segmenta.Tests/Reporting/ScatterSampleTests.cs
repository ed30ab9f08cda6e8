using Segmenta.Reporting;

namespace Segmenta.Tests.Reporting;

public class ScatterSampleTests
{
    private static string[] Ids(int n) => [.. Enumerable.Range(0, n).Select(i => $"C{i:00000}")];

    [Fact]
    public void Every_customer_is_drawn_up_to_the_limit()
    {
        Assert.All(ScatterSample.Keep(Ids(ScatterSample.Limit)), Assert.True);
    }

    [Fact]
    public void Above_the_limit_exactly_the_limit_is_drawn()
    {
        var keep = ScatterSample.Keep(Ids(25_000));

        Assert.Equal(ScatterSample.Limit, keep.Count(k => k));
    }

    [Fact]
    public void The_sample_is_the_same_customers_in_any_order()
    {
        var ids = Ids(3_000);
        var shuffled = ids.OrderBy(id => ScatterSample.Fnv1a(id + "shuffle")).ToArray();

        var drawn = ScatterSample.Keep(ids, 500).Select((k, i) => (k, ids[i])).Where(x => x.k).Select(x => x.Item2).Order(StringComparer.Ordinal);
        var drawnShuffled = ScatterSample.Keep(shuffled, 500).Select((k, i) => (k, shuffled[i])).Where(x => x.k).Select(x => x.Item2).Order(StringComparer.Ordinal);

        Assert.Equal(drawn, drawnShuffled);
    }

    [Fact]
    public void The_hash_is_the_published_FNV_1a_64()
    {
        // Reference values of FNV-1a 64 (offset basis 14695981039346656037, prime 1099511628211): "" is the offset
        // basis, "a" is 0xaf63dc4c8601ec8c (www.isthe.com/chongo/tech/comp/fnv test vectors, for one-byte characters).
        Assert.Equal(14695981039346656037UL, ScatterSample.Fnv1a(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, ScatterSample.Fnv1a("a"));
    }
}
