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
        Parallel.For(0, n, i =>
        {
            var row = gram.AsSpan(i * n, n);
            for (var t = start[i]; t < start[i + 1]; t++)
            {
                var c = customers[t];
                var at = position[t];
                var xi = x[at];
                for (var f = at; f < rowStart[c + 1]; f++)
                {
                    row[column[f]] += xi * x[f];
                }
            }
        });
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
    /// The inverse of a symmetric positive definite matrix (XᵀX + λI with λ &gt; 0) through its Cholesky factor L:
    /// A⁻¹ = L⁻ᵀ L⁻¹. Every step is a dot product of contiguous rows (SIMD): the factor row by row (n³/6), the columns of
    /// L⁻¹ by forward substitution in parallel (n³/6), then the product in parallel (n³/6) — half the work of
    /// Gauss-Jordan and two parallel loops instead of one per pivot. Each cell is written by one thread, so the result
    /// does not depend on scheduling. Replaces <paramref name="a"/>'s contents with the inverse.
    /// </summary>
    /// <remarks>
    /// A dot product's additions form one dependency chain, so one dot at a time waits on the adder's latency; each
    /// step therefore computes independent dots side by side (<see cref="Dot2"/>: two rows of the factor;
    /// <see cref="Dot4"/>: four columns of L⁻¹, four cells of the product), each summed in exactly the order
    /// <see cref="Dot"/> sums it, so the inverse is bit for bit the one of one dot at a time.
    /// </remarks>
    internal static void InvertInPlace(double[] a, int n)
    {
        var l = new double[(long)n * n];
        for (var i = 0; i < n; i += 2)
        {
            if (i + 1 < n)
            {
                FactorRows(a, l, n, i);
            }
            else
            {
                FactorRow(a, l, n, i);
            }
        }
        // m[k, i] = (L⁻¹)[i, k] for i ≥ k: column k of L⁻¹ stored as row k; four columns are solved together.
        var m = new double[(long)n * n];
        Parallel.For(0, (n + 3) / 4, block => SolveColumns(l, m, n, 4 * block, Math.Min(4, n - (4 * block))));
        // A⁻¹[i, j] = m[i, j..] · m[j, j..] for i ≤ j. Four rows i share each row j as it streams from memory (the matrix
        // is larger than the core's cache, so reading row j once for four cells, not once per cell, is what counts).
        Parallel.For(0, (n + 3) / 4, block =>
        {
            Span<double> dots = stackalloc double[4];
            var first = 4 * block;
            var rows = Math.Min(4, n - first);
            for (var j = first; j < n; j++)
            {
                var rowJ = m.AsSpan((j * n) + j, n - j);
                if (rows == 4 && j >= first + 3)
                {
                    DotRows4(rowJ, m.AsSpan((first * n) + j, n - j), m.AsSpan(((first + 1) * n) + j, n - j),
                        m.AsSpan(((first + 2) * n) + j, n - j), m.AsSpan(((first + 3) * n) + j, n - j), dots);
                    for (var t = 0; t < 4; t++)
                    {
                        (a[((first + t) * n) + j], a[(j * n) + first + t]) = (dots[t], dots[t]);
                    }
                    continue;
                }
                for (var i = first; i < Math.Min(first + rows, j + 1); i++)
                {
                    var p = Dot(m.AsSpan((i * n) + j, n - j), rowJ);
                    (a[(i * n) + j], a[(j * n) + i]) = (p, p);
                }
            }
        });
    }

    /// <summary>
    /// Columns <paramref name="first"/> .. first + count − 1 of L⁻¹ by forward substitution, into rows of <paramref name="m"/>:
    /// x[i] = −(L[i, k..i) · x[k..i)) / L[i, i], the four columns' dots side by side once every one has started.
    /// </summary>
    private static void SolveColumns(double[] l, double[] m, int n, int first, int count)
    {
        Span<double> dots = stackalloc double[4];
        for (var k = first; k < first + count; k++)
        {
            m[(k * n) + k] = 1 / l[(k * n) + k];
        }
        for (var i = first + 1; i < n; i++)
        {
            var diagonal = l[(i * n) + i];
            if (count == 4 && i >= first + 4)
            {
                Dot4(l.AsSpan((i * n) + first, i - first), m.AsSpan((first * n) + first, i - first),
                    l.AsSpan((i * n) + first + 1, i - first - 1), m.AsSpan(((first + 1) * n) + first + 1, i - first - 1),
                    l.AsSpan((i * n) + first + 2, i - first - 2), m.AsSpan(((first + 2) * n) + first + 2, i - first - 2),
                    l.AsSpan((i * n) + first + 3, i - first - 3), m.AsSpan(((first + 3) * n) + first + 3, i - first - 3), dots);
                for (var t = 0; t < 4; t++)
                {
                    m[((first + t) * n) + i] = -dots[t] / diagonal;
                }
                continue;
            }
            for (var k = first; k < Math.Min(first + count, i); k++)
            {
                m[(k * n) + i] = -Dot(l.AsSpan((i * n) + k, i - k), m.AsSpan((k * n) + k, i - k)) / diagonal;
            }
        }
    }

    /// <summary>Row <paramref name="i"/> of the Cholesky factor, the rows before it done.</summary>
    private static void FactorRow(double[] a, double[] l, int n, int i)
    {
        var rowI = l.AsSpan(i * n, n);
        for (var j = 0; j <= i; j++)
        {
            var sum = a[(i * n) + j] - Dot(rowI[..j], l.AsSpan(j * n, j));
            rowI[j] = i == j ? Math.Sqrt(sum) : sum / l[(j * n) + j];
        }
        ThrowUnlessPositive(rowI[i]);
    }

    /// <summary>Rows <paramref name="i"/> and i + 1 of the Cholesky factor together (the same values as one after the other).</summary>
    private static void FactorRows(double[] a, double[] l, int n, int i)
    {
        var rowI = l.AsSpan(i * n, n);
        var rowNext = l.AsSpan((i + 1) * n, n);
        // Entry j of both rows needs the rows' entries before j and row j, which is finished for j < i; at j = i, row i
        // itself up to i - 1.
        for (var j = 0; j <= i; j++)
        {
            var rowJ = l.AsSpan(j * n, j);
            var (dotI, dotNext) = Dot2(rowI[..j], rowJ, rowNext[..j], rowJ);
            var sumI = a[(i * n) + j] - dotI;
            rowI[j] = i == j ? Math.Sqrt(sumI) : sumI / l[(j * n) + j];
            rowNext[j] = (a[((i + 1) * n) + j] - dotNext) / l[(j * n) + j];
        }
        ThrowUnlessPositive(rowI[i]);
        var last = i + 1;
        rowNext[last] = Math.Sqrt(a[(last * n) + last] - Dot(rowNext[..last], rowNext[..last]));
        ThrowUnlessPositive(rowNext[last]);
    }

    private static void ThrowUnlessPositive(double diagonal)
    {
        if (!(diagonal > 0))
        {
            throw new InvalidOperationException("The EASE Gram matrix is not positive definite; use a larger lambda.");
        }
    }
}
