namespace Segmenta.Lifetime;

/// <summary>
/// Customer summaries (x, t_x, T) grouped into unique rows with a weight (how many customers share each), sorted by x,
/// so that a likelihood is evaluated once per row and its x-only terms once per distinct x.
/// </summary>
internal sealed class SummaryRows
{
    private SummaryRows(double[] x, double[] tx, double[] t, double[] weight)
    {
        X = x;
        Tx = tx;
        T = t;
        Weight = weight;
        var distinct = new List<double>();
        XIndex = new int[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            if (distinct.Count == 0 || distinct[^1] != x[i])
            {
                distinct.Add(x[i]);
            }
            XIndex[i] = distinct.Count - 1;
        }
        DistinctX = [.. distinct];
        WeightByX = new double[DistinctX.Length];
        for (var i = 0; i < x.Length; i++)
        {
            WeightByX[XIndex[i]] += weight[i];
        }
        TotalWeight = weight.Sum();
    }

    internal double[] X { get; }

    internal double[] Tx { get; }

    internal double[] T { get; }

    internal double[] Weight { get; }

    /// <summary>Index of each row's x in <see cref="DistinctX"/>.</summary>
    internal int[] XIndex { get; }

    internal double[] DistinctX { get; }

    /// <summary>Total weight of the rows with each distinct x.</summary>
    internal double[] WeightByX { get; }

    /// <summary>The number of customers.</summary>
    internal double TotalWeight { get; }

    internal int Count => X.Length;

    /// <summary>Groups equal (x, t_x, T) triples; the order of the input does not matter.</summary>
    internal static SummaryRows From(IReadOnlyList<double> x, IReadOnlyList<double> tx, IReadOnlyList<double> t)
    {
        var counts = new Dictionary<(double, double, double), int>();
        for (var i = 0; i < x.Count; i++)
        {
            ModelChecks.Summary(x[i], tx[i], t[i]);
            var key = (x[i], tx[i], t[i]);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var rows = counts.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2).ThenBy(p => p.Key.Item3).ToArray();
        return new SummaryRows(
            [.. rows.Select(r => r.Key.Item1)], [.. rows.Select(r => r.Key.Item2)], [.. rows.Select(r => r.Key.Item3)],
            [.. rows.Select(r => (double)r.Value)]);
    }
}
