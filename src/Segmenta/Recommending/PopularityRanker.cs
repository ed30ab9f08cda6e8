namespace Segmenta.Recommending;

/// <summary>
/// The same list for everyone: products by the number of distinct customers who bought them in a window
/// (score = buyers), ties by product id. Known products are kept unless new-only is asked.
/// </summary>
internal sealed class PopularityRanker : IRanker
{
    private readonly int[] _order;
    private readonly int[] _buyers;
    private readonly bool[] _active;
    private readonly string _window;

    private PopularityRanker(RecommendationMethod method, int[] buyers, bool[] active, string window)
    {
        Method = method;
        _buyers = buyers;
        _active = active;
        _window = window;
        _order = [.. Enumerable.Range(0, buyers.Length).Where(p => buyers[p] > 0).OrderByDescending(p => buyers[p]).ThenBy(p => p)];
    }

    public RecommendationMethod Method { get; }

    /// <summary>Buyers of each product among the lines of days (fromDay, referenceDay].</summary>
    public static PopularityRanker Fit(RecommendationMethod method, Interactions data, int fromDayExclusive, bool[] active, string window)
    {
        var log = data.Log;
        var buyers = new int[data.Products];
        var stamp = new int[data.Products];
        for (var c = 0; c < log.Customers; c++)
        {
            for (var l = log.CustomerStart[c]; l < log.CustomerStart[c + 1]; l++)
            {
                var day = log.Day[l];
                if (day > fromDayExclusive && day <= data.ReferenceDay && stamp[log.Product[l]] != c + 1)
                {
                    stamp[log.Product[l]] = c + 1;
                    buyers[log.Product[l]]++;
                }
            }
        }
        return new PopularityRanker(method, buyers, active, window);
    }

    public int Rank(int customer, bool newOnly, Span<Pick> top, ScoringBuffer buffer)
    {
        var count = 0;
        for (var i = 0; i < _order.Length && count < top.Length; i++)
        {
            var p = _order[i];
            if (_active[p] && !(newOnly && buffer.Knows(p)))
            {
                top[count++] = new Pick(p, _buyers[p], Method);
            }
        }
        return count;
    }

    public string Reason(Pick pick) => $"best-seller: bought by {_buyers[pick.Product]:N0} customer{(_buyers[pick.Product] == 1 ? "" : "s")}{_window}";
}
