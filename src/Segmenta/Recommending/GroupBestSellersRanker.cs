namespace Segmenta.Recommending;

/// <summary>
/// Best-sellers of the customer's group (segment or country) that the customer has not bought. Within a group each
/// product sold gets three percentile ranks — units, distinct buyers, revenue; rank 1 (largest) → 1, last → 1/n,
/// ties share their mean rank — and its score is their mean, so no single whale order or cheap bulk item dominates.
/// </summary>
internal sealed class GroupBestSellersRanker : IRanker
{
    private readonly int[] _groupOf;
    private readonly string[] _groupNames;
    private readonly int[] _start;
    private readonly int[] _items;
    private readonly double[] _scores;
    private readonly bool[] _active;
    private readonly string _preposition;

    private GroupBestSellersRanker(RecommendationMethod method, int[] groupOf, string[] groupNames, int[] start, int[] items, double[] scores, bool[] active, string preposition)
    {
        Method = method;
        (_groupOf, _groupNames, _start, _items, _scores, _active, _preposition) = (groupOf, groupNames, start, items, scores, active, preposition);
    }

    public RecommendationMethod Method { get; }

    public bool NeverOffersKnown => true;

    public static GroupBestSellersRanker Fit(RecommendationMethod method, Interactions data, int[] groupOf, string[] groupNames, bool[] active, string preposition)
    {
        var groups = groupNames.Length;
        var members = new List<int>[groups];
        for (var g = 0; g < groups; g++)
        {
            members[g] = [];
        }
        for (var c = 0; c < data.Customers; c++)
        {
            members[groupOf[c]].Add(c);
        }
        var units = new double[data.Products];
        var revenue = new double[data.Products];
        var buyers = new double[data.Products];
        var touched = new List<int>();
        var start = new int[groups + 1];
        var items = new List<int>();
        var scores = new List<double>();
        for (var g = 0; g < groups; g++)
        {
            touched.Clear();
            foreach (var c in members[g])
            {
                for (var e = data.RowStart[c]; e < data.RowStart[c + 1]; e++)
                {
                    var p = data.Items[e];
                    if (buyers[p] == 0)
                    {
                        touched.Add(p);
                    }
                    buyers[p]++;
                    units[p] += data.Units[e];
                    revenue[p] += data.Revenue[e];
                }
            }
            var n = touched.Count;
            var u = PercentileRanks([.. touched.Select(p => units[p])]);
            var b = PercentileRanks([.. touched.Select(p => buyers[p])]);
            var r = PercentileRanks([.. touched.Select(p => revenue[p])]);
            var ranked = Enumerable.Range(0, n).Select(i => (Product: touched[i], Score: (u[i] + b[i] + r[i]) / 3))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Product);
            foreach (var (product, score) in ranked)
            {
                items.Add(product);
                scores.Add(score);
            }
            start[g + 1] = items.Count;
            foreach (var p in touched)
            {
                units[p] = revenue[p] = buyers[p] = 0;
            }
        }
        return new GroupBestSellersRanker(method, groupOf, groupNames, start, [.. items], [.. scores], active, preposition);
    }

    /// <summary>Percentile ranks in (0, 1]: the largest value gets 1, the smallest 1/n; ties get the mean of their ranks.</summary>
    internal static double[] PercentileRanks(double[] values)
    {
        var n = values.Length;
        var order = Enumerable.Range(0, n).OrderByDescending(i => values[i]).ToArray();
        var result = new double[n];
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }
            var meanRank = (i + j) / 2.0 + 1; // 1-based
            for (var t = i; t <= j; t++)
            {
                result[order[t]] = 1 - (meanRank - 1) / n;
            }
            i = j + 1;
        }
        return result;
    }

    public int Rank(int customer, bool newOnly, Span<Pick> top, ScoringBuffer buffer)
    {
        var g = _groupOf[customer];
        var count = 0;
        for (var i = _start[g]; i < _start[g + 1] && count < top.Length; i++)
        {
            var p = _items[i];
            if (_active[p] && !buffer.Knows(p))
            {
                top[count++] = new Pick(p, _scores[i], Method, g);
            }
        }
        return count;
    }

    public string Reason(Pick pick) => $"popular {_preposition} {_groupNames[pick.Because]}";
}
