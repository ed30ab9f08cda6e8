namespace Segmenta.Recommending;

/// <summary>The inverse of EASE's regularised Gram matrix (Cholesky), the fit's n³ part.</summary>
internal sealed partial class EaseModel
{
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
