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
            for (var i = 0; i < customers; i++)
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

    /// <summary>Linear interpolation between order statistics (numpy's default "linear" method).</summary>
    internal static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
