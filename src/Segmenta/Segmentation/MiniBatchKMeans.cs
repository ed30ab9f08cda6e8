namespace Segmenta.Segmentation;

/// <summary>
/// Mini-batch K-Means (Sculley 2010, as scikit-learn's MiniBatchKMeans) for very large customer bases: k-means++ on a
/// seeded sample, then centres move towards the means of seeded random batches with a per-centre learning rate
/// (1 / points seen), stopping when the smoothed batch inertia has not improved for <see cref="MaxNoImprovement"/>
/// batches; then at most <see cref="RefinementPasses"/> exact Lloyd (Hamerly) passes over all rows, which give the
/// final labels and inertia (parallel, merged in chunk order).
/// Used by <see cref="KMeans.Fit"/> from <see cref="KMeansOptions.MiniBatchAbove"/> rows on.
/// </summary>
internal static class MiniBatchKMeans
{
    internal const int BatchSize = 4096;
    internal const int MaxNoImprovement = 10;
    internal const int RefinementPasses = 10;

    internal static KMeansModel Fit(FeatureMatrix x, KMeansOptions options)
    {
        var (n, d, k) = (x.Rows, x.Columns, options.K);
        var random = new Random(unchecked(options.Seed * 7919 + 31));
        // Initialisation: the best of n_init k-means++ starts on a sample of 3 batches, judged on another sample.
        var initSample = x.Select(Sample(random, n, Math.Min(n, 3 * BatchSize)));
        var validation = x.Select(Sample(random, n, Math.Min(n, 3 * BatchSize)));
        double[]? centers = null;
        var best = double.MaxValue;
        for (var run = 0; run < options.NInit; run++)
        {
            var candidate = KMeans.PlusPlus(initSample, k, new Random(unchecked(options.Seed * 7919 + run * 104_729 + 17)));
            var inertia = Inertia(validation, candidate, k);
            if (inertia < best)
            {
                (best, centers) = (inertia, candidate);
            }
        }
        var counts = new double[k];
        var sums = new double[k * d];
        var batchCounts = new int[k];
        var steps = Math.Max(1, options.MaxIterations * n / BatchSize);
        double? smoothed = null;
        var (bestSmoothed, sinceImprovement, step) = (double.MaxValue, 0, 0);
        var converged = false;
        while (step < steps)
        {
            step++;
            Array.Clear(sums);
            Array.Clear(batchCounts);
            var batchInertia = 0.0;
            for (var b = 0; b < BatchSize; b++)
            {
                var row = x.Row(random.Next(n));
                var (cluster, squared) = Nearest(row, centers!, k, d);
                batchInertia += squared;
                batchCounts[cluster]++;
                for (var j = 0; j < d; j++)
                {
                    sums[cluster * d + j] += row[j];
                }
            }
            for (var c = 0; c < k; c++)
            {
                if (batchCounts[c] == 0)
                {
                    continue;
                }
                counts[c] += batchCounts[c];
                var rate = 1.0 / counts[c];
                for (var j = 0; j < d; j++)
                {
                    // centre += (batch sum - batch count * centre) / points seen: the running mean of every point assigned so far.
                    centers![c * d + j] += rate * (sums[c * d + j] - batchCounts[c] * centers[c * d + j]);
                }
            }
            var mean = batchInertia / BatchSize;
            smoothed = smoothed is { } s ? s + (mean - s) * Math.Min(1, 2.0 * BatchSize / (n + 1)) : mean;
            if (smoothed < bestSmoothed)
            {
                (bestSmoothed, sinceImprovement) = (smoothed.Value, 0);
            }
            else if (++sinceImprovement >= MaxNoImprovement)
            {
                converged = true;
                break;
            }
        }
        // A few exact (Hamerly) passes from the mini-batch centres remove most of the gap to a full-batch fit at the cost
        // of a handful of passes, instead of n_init full fits from scratch.
        var refined = KMeans.Lloyd(x, centers!, k, RefinementPasses, options.Tolerance * KMeans.MeanVariance(x));
        return refined with { Iterations = step + refined.Iterations, Converged = converged || refined.Converged };
    }

    private static int[] Sample(Random random, int n, int size)
    {
        var rows = new int[size];
        for (var i = 0; i < size; i++)
        {
            rows[i] = size == n ? i : random.Next(n);
        }
        return rows;
    }

    private static (int Cluster, double Squared) Nearest(ReadOnlySpan<double> row, double[] centers, int k, int d)
    {
        var best = (Cluster: 0, Squared: double.MaxValue);
        for (var c = 0; c < k; c++)
        {
            var squared = Distance.Squared(row, centers.AsSpan(c * d, d));
            if (squared < best.Squared)
            {
                best = (c, squared);
            }
        }
        return best;
    }

    private static double Inertia(FeatureMatrix x, double[] centers, int k)
    {
        var total = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            total += Nearest(x.Row(i), centers, k, x.Columns).Squared;
        }
        return total;
    }
}
