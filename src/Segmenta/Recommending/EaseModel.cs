using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Segmenta.Recommending;

/// <summary>
/// EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): an item-to-item weight matrix learned
/// by ridge regression of every product's column on all the others, in closed form:
/// P = (XᵀX + λI)⁻¹, B[i, j] = −P[i, j] / P[j, j], B[j, j] = 0; a customer's score of j is Σ over their products i of
/// x[c, i] · B[i, j]. X is customers × products with x = 0.5^(days since the customer last bought the product / half-life)
/// (time-decayed interactions; 1 when the half-life is infinite).
/// Memory is bounded: only the <c>maxProducts</c> active products with the most buyers (and at least <c>minBuyers</c>)
/// enter the model, so the dense Gram matrix is at most maxProducts² doubles (1,000 → 8 MB) whatever the catalogue;
/// the long tail is still reachable through popularity in the discovery list.
/// </summary>
internal sealed partial class EaseModel
{
    private EaseModel(int[] products, int[] indexOf, double[] weights, double[] byAge)
    {
        Products = products;
        IndexOf = indexOf;
        Weights = weights;
        ByAge = byAge;
    }

    /// <summary>Model index → product id.</summary>
    public int[] Products { get; }

    /// <summary>Product id → model index, or -1 when the product is not in the model.</summary>
    public int[] IndexOf { get; }

    /// <summary>B, row-major: Weights[i · n + j] is how much having i predicts j.</summary>
    public double[] Weights { get; }

    /// <summary>
    /// x of an entry whose last purchase is this many days before the reference day. x depends on that age only, so a
    /// table of ages replaces one double per entry of the interactions (≈ 400 MB a state at 100M lines).
    /// </summary>
    public double[] ByAge { get; }

    /// <summary>x of an entry of the interactions the model was fitted on (aligned with <see cref="Interactions.Items"/>).</summary>
    public double Value(Interactions data, int entry) => ByAge[data.ReferenceDay - data.LastDay[entry]];

    public int Size => Products.Length;

    public static EaseModel Fit(Interactions data, bool[] active, int maxProducts, int minBuyers, double lambda, double halfLifeDays)
    {
        var chosen = Enumerable.Range(0, data.Products)
            .Where(p => active[p] && data.BuyerCount(p) >= minBuyers)
            .OrderByDescending(data.BuyerCount).ThenBy(p => p)
            .Take(maxProducts).Order().ToArray();
        var indexOf = new int[data.Products];
        Array.Fill(indexOf, -1);
        for (var i = 0; i < chosen.Length; i++)
        {
            indexOf[chosen[i]] = i;
        }
        // Every entry's last day lies between the log's first day and the reference day.
        var byAge = new double[Math.Max(1, data.ReferenceDay - data.Log.FirstDay + 1)];
        var decay = double.IsPositiveInfinity(halfLifeDays) ? 0 : -Math.Log(2) / halfLifeDays;
        for (var age = 0; age < byAge.Length; age++)
        {
            byAge[age] = Math.Exp(decay * age);
        }
        var n = chosen.Length;
        var gram = Gram(data, indexOf, e => byAge[data.ReferenceDay - data.LastDay[e]], n);
        for (var i = 0; i < n; i++)
        {
            gram[(i * n) + i] += lambda;
        }
        InvertInPlace(gram, n);
        var weights = gram;
        var diagonal = new double[n];
        for (var j = 0; j < n; j++)
        {
            diagonal[j] = weights[(j * n) + j];
        }
        Parallel.For(0, n, i =>
        {
            var row = weights.AsSpan(i * n, n);
            for (var j = 0; j < n; j++)
            {
                row[j] = i == j ? 0 : -row[j] / diagonal[j];
            }
        });
        return new EaseModel(chosen, indexOf, weights, byAge);
    }

    /// <summary>Adds the customer's scores into <paramref name="scores"/> (length <see cref="Size"/>, cleared by the caller).</summary>
    /// <remarks>
    /// Up to four of the customer's model rows are added in one pass (<see cref="Axpy4"/>): each score still receives
    /// the rows' terms one by one in entry order, so the sums are bit for bit those of one pass per row, with a quarter
    /// of the loads and stores of the scores.
    /// </remarks>
    public void Score(Interactions data, int customer, Span<double> scores)
    {
        var n = Size;
        var weights = Weights;
        Span<int> rows = stackalloc int[4];
        Span<double> values = stackalloc double[4];
        var pending = 0;
        for (var e = data.RowStart[customer]; e < data.RowStart[customer + 1]; e++)
        {
            var i = IndexOf[data.Items[e]];
            if (i < 0)
            {
                continue;
            }
            (rows[pending], values[pending]) = (i, Value(data, e));
            if (++pending == 4)
            {
                Axpy4(values, weights.AsSpan(rows[0] * n, n), weights.AsSpan(rows[1] * n, n), weights.AsSpan(rows[2] * n, n), weights.AsSpan(rows[3] * n, n), scores);
                pending = 0;
            }
        }
        for (var r = 0; r < pending; r++)
        {
            Axpy(values[r], weights.AsSpan(rows[r] * n, n), scores);
        }
    }

    /// <summary>The customer's product (a product id) that adds most to the score of model product j, or -1 when none adds anything.</summary>
    public int StrongestReason(Interactions data, int customer, int j)
    {
        var (best, bestContribution) = (-1, 0.0);
        for (var e = data.RowStart[customer]; e < data.RowStart[customer + 1]; e++)
        {
            var i = IndexOf[data.Items[e]];
            if (i >= 0 && i != j)
            {
                var contribution = Value(data, e) * Weights[(i * Size) + j];
                if (contribution > bestContribution)
                {
                    (best, bestContribution) = (data.Items[e], contribution);
                }
            }
        }
        return best;
    }

    /// <summary>XᵀX over the model products with x = <paramref name="values"/>[entry].</summary>
    internal static double[] Gram(Interactions data, int[] indexOf, double[] values, int n) => Gram(data, indexOf, e => values[e], n);

    /// <summary>XᵀX over the model products, one row per product (rows in parallel; each row is written by one thread).</summary>
    internal static double[] Gram(Interactions data, int[] indexOf, Func<int, double> value, int n)
    {
        // Per customer, the entries that are model products, as (model index, x): counted first, so that each array is
        // allocated once at its size (lists grown by doubling held up to twice it).
        var rowStart = new int[data.Customers + 1];
        for (var c = 0; c < data.Customers; c++)
        {
            var count = 0;
            for (var e = data.RowStart[c]; e < data.RowStart[c + 1]; e++)
            {
                count += indexOf[data.Items[e]] >= 0 ? 1 : 0;
            }
            rowStart[c + 1] = rowStart[c] + count;
        }
        var column = new int[rowStart[^1]];
        var x = new double[rowStart[^1]];
        var filled = 0;
        for (var e = 0; e < data.RowStart[^1]; e++)
        {
            if (indexOf[data.Items[e]] is var i and >= 0)
            {
                column[filled] = i;
                x[filled++] = value(e);
            }
        }
        // Each customer's entries by model index, so that row i reads only the columns j ≥ i (the upper triangle): the
        // lower one is its mirror. Cell (i, j) is the same sum either way — one term per customer holding both, in
        // customer order, and xi · xj = xj · xi exactly — so the matrix is bit for bit the one of the full product.
        for (var c = 0; c < data.Customers; c++)
        {
            Array.Sort(column, x, rowStart[c], rowStart[c + 1] - rowStart[c]);
        }
        var (start, customers) = Interactions.Transpose(rowStart, column, n);
        // Where in the customer's row each (product, customer) sits, to read x of the column entry.
        var position = new int[column.Length];
        var fill = start[..^1];
        for (var c = 0; c < data.Customers; c++)
        {
            for (var f = rowStart[c]; f < rowStart[c + 1]; f++)
            {
                position[fill[column[f]]++] = f;
            }
        }
        var gram = new double[(long)n * n];
        Parallel.For(0, n, i => GramRow(gram.AsSpan(i * n, n), customers.AsSpan(start[i], start[i + 1] - start[i]), position.AsSpan(start[i], start[i + 1] - start[i]), rowStart, column, x));
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                gram[((long)j * n) + i] = gram[((long)i * n) + j];
            }
        }
        return gram;
    }

    /// <summary>
    /// Row i of XᵀX from the customers holding model product i (<paramref name="customers"/>, ascending, with the
    /// position of i in each one's sorted entries): each customer adds x_i · x_j to the cells j ≥ i of their entries, one
    /// customer after the other, as the plain double loop does.
    /// </summary>
    /// <remarks>
    /// Most of the three EASE fits' time (session 12's profile at 10M lines: 7 % of the stage's CPU, as ReadyToRun code
    /// that checked three bounds per multiply-add). The entries of a customer are cut once as two spans of one length and
    /// read without checks, and a cell is reached by its model index, below the row's length by construction (indexOf
    /// maps into [0, n)).
    /// </remarks>
    private static void GramRow(Span<double> row, ReadOnlySpan<int> customers, ReadOnlySpan<int> positions, int[] rowStart, int[] column, double[] x)
    {
        ref var cells = ref MemoryMarshal.GetReference(row);
        for (var t = 0; t < customers.Length; t++)
        {
            var at = positions[t];
            var end = rowStart[customers[t] + 1];
            var columns = column.AsSpan(at, end - at);
            var values = x.AsSpan(at, columns.Length);
            var xi = values[0];
            ref var entryColumn = ref MemoryMarshal.GetReference(columns);
            ref var entryValue = ref MemoryMarshal.GetReference(values);
            for (var k = 0; k < columns.Length; k++)
            {
                Unsafe.Add(ref cells, Unsafe.Add(ref entryColumn, k)) += xi * Unsafe.Add(ref entryValue, k);
            }
        }
    }
}
