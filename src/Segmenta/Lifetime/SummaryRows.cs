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

    /// <summary>
    /// The NBD fitted to these rows, the no-dropout limit of every counting model: fitted once, on first use, and shared
    /// by the models fitted on the same rows (also when they are fitted at the same time).
    /// </summary>
    internal NbdLimit Limit => LazyInitializer.EnsureInitialized(ref _limit, () => NbdLimit.For(this));

    private NbdLimit? _limit;

    /// <summary>
    /// About <paramref name="count"/> rows: every k-th row of the (x, t_x, T) order with its weight, so that every part
    /// of the distribution is kept (deterministic, no random draw).
    /// </summary>
    internal SummaryRows Subsample(int count)
    {
        var step = Math.Max(1, Count / count);
        var picked = Enumerable.Range(0, Count).Where(i => i % step == 0).ToArray();
        return new SummaryRows([.. picked.Select(i => X[i])], [.. picked.Select(i => Tx[i])], [.. picked.Select(i => T[i])], [.. picked.Select(i => Weight[i])]);
    }

    /// <summary>Groups equal (x, t_x, T) triples; the order of the input does not matter.</summary>
    internal static SummaryRows From(IReadOnlyList<double> xs, IReadOnlyList<double> txs, IReadOnlyList<double> ts)
    {
        double[] x = [.. xs], tx = [.. txs], t = [.. ts];
        var order = new int[x.Length];
        for (var i = 0; i < order.Length; i++)
        {
            ModelChecks.Summary(x[i], tx[i], t[i]);
            order[i] = i;
        }
        Array.Sort(order, (i, j) =>
        {
            var c = x[i].CompareTo(x[j]);
            if (c == 0)
            {
                c = tx[i].CompareTo(tx[j]);
            }
            return c != 0 ? c : t[i].CompareTo(t[j]);
        });
        List<double> ux = [], utx = [], ut = [], weight = [];
        foreach (var i in order)
        {
            if (ux.Count > 0 && ux[^1] == x[i] && utx[^1] == tx[i] && ut[^1] == t[i])
            {
                weight[^1]++;
                continue;
            }
            ux.Add(x[i]);
            utx.Add(tx[i]);
            ut.Add(t[i]);
            weight.Add(1);
        }
        return new SummaryRows([.. ux], [.. utx], [.. ut], [.. weight]);
    }
}
