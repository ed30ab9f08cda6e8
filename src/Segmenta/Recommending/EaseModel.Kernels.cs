using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

namespace Segmenta.Recommending;

/// <summary>The vector kernels of the EASE fit and scores.</summary>
/// <remarks>
/// Compiled fully optimised at their first call: ReadyToRun cannot precompile Vector&lt;T&gt; code, so they would start as
/// unoptimised tier-0 code and be recompiled only after the runtime's call-counting delay, which other steps that
/// compile code at the same time keep extending (docs/benchmarks.md, session 8: the evaluation's CPU doubled).
/// The paired and blocked kernels give bit for bit the results of the single ones (each sum keeps its order).
/// </remarks>
internal sealed partial class EaseModel
{
    /// <summary>Σ x[i] · y[i] (vectorised; the summation order depends only on the length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                acc += new Vector<double>(x[i..]) * new Vector<double>(y[i..]);
            }
            sum = Vector.Sum(acc);
        }
        for (; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /// <summary>
    /// (<see cref="Dot"/>(x0, y0), <see cref="Dot"/>(x1, y1)) side by side: two independent chains of additions keep the
    /// adder busy where one waits on its latency; each dot is summed exactly as <see cref="Dot"/> sums it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (double, double) Dot2(ReadOnlySpan<double> x0, ReadOnlySpan<double> y0, ReadOnlySpan<double> x1, ReadOnlySpan<double> y1)
    {
        var width = Vector<double>.Count;
        y0 = y0[..x0.Length];
        y1 = y1[..x1.Length];
        var vectors0 = Vector.IsHardwareAccelerated && x0.Length >= width ? x0.Length / width : 0;
        var vectors1 = Vector.IsHardwareAccelerated && x1.Length >= width ? x1.Length / width : 0;
        var acc0 = Vector<double>.Zero;
        var acc1 = Vector<double>.Zero;
        var v = 0;
        for (; v < Math.Min(vectors0, vectors1); v++)
        {
            var i = v * width;
            acc0 += Load(x0, i) * Load(y0, i);
            acc1 += Load(x1, i) * Load(y1, i);
        }
        for (var w = v; w < vectors0; w++)
        {
            acc0 += Load(x0, w * width) * Load(y0, w * width);
        }
        for (var w = v; w < vectors1; w++)
        {
            acc1 += Load(x1, w * width) * Load(y1, w * width);
        }
        var sum0 = vectors0 > 0 ? Vector.Sum(acc0) : 0.0;
        var sum1 = vectors1 > 0 ? Vector.Sum(acc1) : 0.0;
        for (var i = vectors0 * width; i < x0.Length; i++)
        {
            sum0 += x0[i] * y0[i];
        }
        for (var i = vectors1 * width; i < x1.Length; i++)
        {
            sum1 += x1[i] * y1[i];
        }
        return (sum0, sum1);
    }

    /// <summary>Four <see cref="Dot"/>s side by side (as <see cref="Dot2"/>): dot k of x[k] and y[k], each summed exactly as <see cref="Dot"/> sums it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Dot4(
        ReadOnlySpan<double> x0, ReadOnlySpan<double> y0, ReadOnlySpan<double> x1, ReadOnlySpan<double> y1,
        ReadOnlySpan<double> x2, ReadOnlySpan<double> y2, ReadOnlySpan<double> x3, ReadOnlySpan<double> y3, Span<double> dots)
    {
        var width = Vector<double>.Count;
        y0 = y0[..x0.Length];
        y1 = y1[..x1.Length];
        y2 = y2[..x2.Length];
        y3 = y3[..x3.Length];
        int Vectors(int length) => Vector.IsHardwareAccelerated && length >= width ? length / width : 0;
        var (n0, n1, n2, n3) = (Vectors(x0.Length), Vectors(x1.Length), Vectors(x2.Length), Vectors(x3.Length));
        var (acc0, acc1, acc2, acc3) = (Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero);
        var common = Math.Min(Math.Min(n0, n1), Math.Min(n2, n3));
        for (var v = 0; v < common; v++)
        {
            var i = v * width;
            acc0 += Load(x0, i) * Load(y0, i);
            acc1 += Load(x1, i) * Load(y1, i);
            acc2 += Load(x2, i) * Load(y2, i);
            acc3 += Load(x3, i) * Load(y3, i);
        }
        dots[0] = Finish(x0, y0, acc0, common, n0);
        dots[1] = Finish(x1, y1, acc1, common, n1);
        dots[2] = Finish(x2, y2, acc2, common, n2);
        dots[3] = Finish(x3, y3, acc3, common, n3);
    }

    /// <summary>The rest of one of <see cref="Dot4"/>'s dots: its vectors from <paramref name="from"/>, then the scalar tail, as <see cref="Dot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Finish(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Vector<double> acc, int from, int vectors)
    {
        var width = Vector<double>.Count;
        for (var v = from; v < vectors; v++)
        {
            acc += Load(x, v * width) * Load(y, v * width);
        }
        var sum = vectors > 0 ? Vector.Sum(acc) : 0.0;
        for (var i = vectors * width; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /// <summary>
    /// <see cref="Dot"/>(x[k], y) for four rows x0..x3 of y's length at once: y is read once for the four, and each dot is
    /// summed exactly as <see cref="Dot"/> sums it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DotRows4(ReadOnlySpan<double> y, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> x3, Span<double> dots)
    {
        var width = Vector<double>.Count;
        var length = y.Length;
        x0 = x0[..length];
        x1 = x1[..length];
        x2 = x2[..length];
        x3 = x3[..length];
        var vectors = Vector.IsHardwareAccelerated && length >= width ? length / width : 0;
        var (acc0, acc1, acc2, acc3) = (Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero);
        for (var v = 0; v < vectors; v++)
        {
            var i = v * width;
            var yv = Load(y, i);
            acc0 += Load(x0, i) * yv;
            acc1 += Load(x1, i) * yv;
            acc2 += Load(x2, i) * yv;
            acc3 += Load(x3, i) * yv;
        }
        dots[0] = Finish(x0, y, acc0, vectors, vectors);
        dots[1] = Finish(x1, y, acc1, vectors, vectors);
        dots[2] = Finish(x2, y, acc2, vectors, vectors);
        dots[3] = Finish(x3, y, acc3, vectors, vectors);
    }

    /// <summary>y += alpha · x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var a = new Vector<double>(alpha);
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var yv = new Vector<double>(y[i..]);
                (yv + (a * new Vector<double>(x[i..]))).CopyTo(y[i..]);
            }
        }
        for (; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    /// <summary>
    /// y += alpha[0] · x0, then += alpha[1] · x1, alpha[2] · x2, alpha[3] · x3 (rows of one length): per element the same
    /// additions in the same order as four <see cref="Axpy"/> calls, with y read and written once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Axpy4(ReadOnlySpan<double> alpha, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> x3, Span<double> y)
    {
        var i = 0;
        var length = y.Length;
        x0 = x0[..length];
        x1 = x1[..length];
        x2 = x2[..length];
        x3 = x3[..length];
        var (a0, a1, a2, a3) = (alpha[0], alpha[1], alpha[2], alpha[3]);
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
        {
            var (v0, v1, v2, v3) = (new Vector<double>(a0), new Vector<double>(a1), new Vector<double>(a2), new Vector<double>(a3));
            for (; i <= length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var yv = Load(y, i);
                yv += v0 * Load(x0, i);
                yv += v1 * Load(x1, i);
                yv += v2 * Load(x2, i);
                yv += v3 * Load(x3, i);
                yv.StoreUnsafe(ref MemoryMarshal.GetReference(y), (nuint)i);
            }
        }
        for (; i < length; i++)
        {
            var sum = y[i];
            sum += a0 * x0[i];
            sum += a1 * x1[i];
            sum += a2 * x2[i];
            sum += a3 * x3[i];
            y[i] = sum;
        }
    }

    /// <summary>
    /// The vector at <paramref name="i"/> without a bounds check: every caller's loop stops a whole vector before the end
    /// of spans it has cut to one length (the checks of span slices were most of the instructions of these loops).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Load(ReadOnlySpan<double> x, int i) => Vector.LoadUnsafe(ref MemoryMarshal.GetReference(x), (nuint)i);
}
