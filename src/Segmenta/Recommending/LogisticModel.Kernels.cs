using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Segmenta.Recommending;

/// <summary>The accumulation of the logistic fit's gradient and Hessian: most of the fit's time.</summary>
/// <remarks>
/// Every sum receives its terms in the order of the rows, one addition at a time, as a loop over the rows and then the
/// cells gives them: the rows are taken four at a time only so that each sum is read and written once per four rows
/// (its four additions still in row order), and the cells of one sum row side by side in vectors (independent sums,
/// no sum is split). So the fit is bit for bit the one of the plain loop (a test keeps that loop). Compiled fully
/// optimised at the first call, as EASE's kernels: ReadyToRun does not precompile Vector&lt;T&gt; code.
/// </remarks>
internal sealed partial record LogisticModel
{
    /// <summary>
    /// Adds the rows' gradient (first d sums) and the lower triangle of their Hessian (d × d after it; the upper cells are
    /// left as they are) at coefficients <paramref name="b"/>: rows in order, every sum in the order of the rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Accumulate(ReadOnlySpan<double> z, ReadOnlySpan<bool> y, ReadOnlySpan<double> b, Span<double> sums)
    {
        var d = b.Length;
        var rows = y.Length;
        z = z[..(rows * d)];
        sums = sums[..(d + (d * d))];
        Span<double> weight = stackalloc double[4];
        Span<double> residual = stackalloc double[4];
        var i = 0;
        for (; i + 4 <= rows; i += 4)
        {
            var z0 = z.Slice(i * d, d);
            var z1 = z.Slice((i + 1) * d, d);
            var z2 = z.Slice((i + 2) * d, d);
            var z3 = z.Slice((i + 3) * d, d);
            // Four independent chains, each summed in the order of the coefficients as for one row.
            var (eta0, eta1, eta2, eta3) = (0.0, 0.0, 0.0, 0.0);
            for (var r = 0; r < d; r++)
            {
                var br = b[r];
                eta0 += br * z0[r];
                eta1 += br * z1[r];
                eta2 += br * z2[r];
                eta3 += br * z3[r];
            }
            (weight[0], residual[0]) = Weigh(eta0, y[i]);
            (weight[1], residual[1]) = Weigh(eta1, y[i + 1]);
            (weight[2], residual[2]) = Weigh(eta2, y[i + 2]);
            (weight[3], residual[3]) = Weigh(eta3, y[i + 3]);
            Add4(z0, z1, z2, z3, weight, residual, sums, d);
        }
        for (; i < rows; i++)
        {
            var row = z.Slice(i * d, d);
            var eta = 0.0;
            for (var r = 0; r < d; r++)
            {
                eta += b[r] * row[r];
            }
            var (w, q) = Weigh(eta, y[i]);
            Add1(row, w, q, sums, d);
        }
    }

    /// <summary>The row's IRLS weight p(1 − p) (at least 1e-12) and residual y − p at linear predictor <paramref name="eta"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Weight, double Residual) Weigh(double eta, bool y)
    {
        var p = 1 / (1 + Math.Exp(-eta));
        return (Math.Max(p * (1 - p), 1e-12), (y ? 1 : 0) - p);
    }

    /// <summary>Adds four rows' terms (residual · z to the gradient, weight · z[r] · z[c] to the Hessian's lower cells), row 0 first in every sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Add4(ReadOnlySpan<double> z0, ReadOnlySpan<double> z1, ReadOnlySpan<double> z2, ReadOnlySpan<double> z3,
        ReadOnlySpan<double> weight, ReadOnlySpan<double> residual, Span<double> sums, int d)
    {
        var width = Vector<double>.Count;
        z0 = z0[..d];
        z1 = z1[..d];
        z2 = z2[..d];
        z3 = z3[..d];
        var (q0, q1, q2, q3) = (residual[0], residual[1], residual[2], residual[3]);
        Terms(sums[..d], z0, z1, z2, z3, q0, q1, q2, q3, d, width);
        var (w0, w1, w2, w3) = (weight[0], weight[1], weight[2], weight[3]);
        for (var r = 0; r < d; r++)
        {
            // Cell (r, c) for c ≤ r receives (w · z[r]) · z[c], as the plain loop multiplies.
            Terms(sums.Slice(d + (r * d), r + 1), z0, z1, z2, z3, w0 * z0[r], w1 * z1[r], w2 * z2[r], w3 * z3[r], r + 1, width);
        }
    }

    /// <summary>cells[c] += a0 · z0[c], then a1 · z1[c], a2 · z2[c], a3 · z3[c], for c below <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Terms(Span<double> cells, ReadOnlySpan<double> z0, ReadOnlySpan<double> z1, ReadOnlySpan<double> z2, ReadOnlySpan<double> z3,
        double a0, double a1, double a2, double a3, int length, int width)
    {
        var c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (v0, v1, v2, v3) = (new Vector<double>(a0), new Vector<double>(a1), new Vector<double>(a2), new Vector<double>(a3));
            for (; c <= length - width; c += width)
            {
                var sum = Load(cells, c);
                sum += v0 * Load(z0, c);
                sum += v1 * Load(z1, c);
                sum += v2 * Load(z2, c);
                sum += v3 * Load(z3, c);
                sum.StoreUnsafe(ref MemoryMarshal.GetReference(cells), (nuint)c);
            }
        }
        for (; c < length; c++)
        {
            var sum = cells[c];
            sum += a0 * z0[c];
            sum += a1 * z1[c];
            sum += a2 * z2[c];
            sum += a3 * z3[c];
            cells[c] = sum;
        }
    }

    /// <summary>One row's terms, as <see cref="Add4"/> adds them.</summary>
    private static void Add1(ReadOnlySpan<double> row, double weight, double residual, Span<double> sums, int d)
    {
        for (var r = 0; r < d; r++)
        {
            sums[r] += residual * row[r];
        }
        for (var r = 0; r < d; r++)
        {
            var wr = weight * row[r];
            var cells = sums.Slice(d + (r * d), r + 1);
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] += wr * row[c];
            }
        }
    }

    /// <summary>The vector at <paramref name="i"/> without a bounds check: callers stop a whole vector before the end of spans at least that long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Load(ReadOnlySpan<double> x, int i) => Vector.LoadUnsafe(ref MemoryMarshal.GetReference(x), (nuint)i);
}
