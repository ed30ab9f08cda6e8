using System.Numerics;
using System.Runtime.CompilerServices;

namespace Segmenta.Recommending;

/// <summary>
/// Percentile bootstrap of means over customers: each resample draws n customers with replacement; every series is
/// averaged over the same draws (a paired bootstrap, so differences between methods get honest intervals).
/// Resample b uses its own generator seeded with seed · 1,000,003 + b, so the result does not depend on thread scheduling.
/// </summary>
internal static class Bootstrap
{
    /// <summary>(low, high) 95% bounds per series; <paramref name="values"/> is customers × series, row-major.</summary>
    public static (double Low, double High)[] Intervals(double[] values, int customers, int series, int resamples, int seed)
    {
        var result = new (double, double)[series];
        if (customers == 0 || resamples == 0)
        {
            for (var s = 0; s < series; s++)
            {
                result[s] = (double.NaN, double.NaN);
            }
            return result;
        }
        var means = new double[series * resamples];
        Parallel.For(0, resamples, () => new double[series], (b, _, sums) =>
        {
            Array.Clear(sums);
            var random = new Random(unchecked((seed * 1_000_003) + b));
            var i = 0;
            for (; i + 4 <= customers; i += 4)
            {
                var (d0, d1, d2, d3) = (random.Next(customers), random.Next(customers), random.Next(customers), random.Next(customers));
                Add4(values.AsSpan(d0 * series, series), values.AsSpan(d1 * series, series), values.AsSpan(d2 * series, series), values.AsSpan(d3 * series, series), sums);
            }
            for (; i < customers; i++)
            {
                Add(values.AsSpan(random.Next(customers) * series, series), sums);
            }
            for (var s = 0; s < series; s++)
            {
                means[s * resamples + b] = sums[s] / customers;
            }
            return sums;
        }, static _ => { });
        for (var s = 0; s < series; s++)
        {
            var sample = means.AsSpan(s * resamples, resamples);
            sample.Sort();
            result[s] = (Percentile(sample, 0.025), Percentile(sample, 0.975));
        }
        return result;
    }

    /// <summary>sums[s] += row[s] for every series (vectorised; each series is still summed in draw order, so the means are the same).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Vector<T> code is not precompiled: see EaseModel.Dot
    private static void Add(ReadOnlySpan<double> row, Span<double> sums)
    {
        var s = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; s <= row.Length - Vector<double>.Count; s += Vector<double>.Count)
            {
                (new Vector<double>(sums[s..]) + new Vector<double>(row[s..])).CopyTo(sums[s..]);
            }
        }
        for (; s < row.Length; s++)
        {
            sums[s] += row[s];
        }
    }

    /// <summary>
    /// sums[s] += r0[s], then r1[s], r2[s], r3[s] (four draws in draw order, rows of one length): per series the same
    /// additions in the same order as four <see cref="Add"/> calls, with the sums read and written once instead of four times.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as Add
    private static void Add4(ReadOnlySpan<double> r0, ReadOnlySpan<double> r1, ReadOnlySpan<double> r2, ReadOnlySpan<double> r3, Span<double> sums)
    {
        var s = 0;
        var length = r0.Length;
        r1 = r1[..length];
        r2 = r2[..length];
        r3 = r3[..length];
        sums = sums[..length];
        if (Vector.IsHardwareAccelerated)
        {
            for (; s <= length - Vector<double>.Count; s += Vector<double>.Count)
            {
                var sum = new Vector<double>(sums[s..]);
                sum += new Vector<double>(r0[s..]);
                sum += new Vector<double>(r1[s..]);
                sum += new Vector<double>(r2[s..]);
                sum += new Vector<double>(r3[s..]);
                sum.CopyTo(sums[s..]);
            }
        }
        for (; s < length; s++)
        {
            var sum = sums[s];
            sum += r0[s];
            sum += r1[s];
            sum += r2[s];
            sum += r3[s];
            sums[s] = sum;
        }
    }

    /// <summary>Linear interpolation between order statistics (numpy's default "linear" method).</summary>
    internal static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
