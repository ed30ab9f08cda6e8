using System.Runtime.CompilerServices;

namespace Segmenta.Segmentation;

/// <summary>Internal validity indexes (as scikit-learn defines them) and the adjusted Rand index.</summary>
public static class ClusterMetrics
{
    /// <summary>
    /// Mean silhouette: for each point (b - a) / max(a, b), a = mean distance to its own cluster, b = smallest mean
    /// distance to another cluster; points alone in their cluster score 0. Exact (O(n²)) on the rows given.
    /// </summary>
    public static double Silhouette(FeatureMatrix x, int[] labels, int k)
    {
        var n = x.Rows;
        var sizes = new int[k];
        foreach (var label in labels)
        {
            sizes[label]++;
        }
        var scores = new double[n];
        Parallel.For(0, n, () => new double[k], [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i, _, sums) =>
        {
            Array.Clear(sums);
            var row = x.Row(i);
            for (var j = 0; j < n; j++)
            {
                sums[labels[j]] += Math.Sqrt(Distance.Squared(row, x.Row(j)));
            }
            var own = labels[i];
            if (sizes[own] <= 1)
            {
                scores[i] = 0;
                return sums;
            }
            var a = sums[own] / (sizes[own] - 1);
            var b = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    b = Math.Min(b, sums[c] / sizes[c]);
                }
            }
            scores[i] = (b - a) / Math.Max(a, b);
            return sums;
        }, _ => { });
        return scores.Average();
    }

    /// <summary>Davies-Bouldin: mean over clusters of the worst (s_i + s_j) / d(c_i, c_j); lower is better.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // inlines Distance.Squared: Vector<T>, not ReadyToRun (decision 52)
    public static double DaviesBouldin(FeatureMatrix x, int[] labels, int k)
    {
        var centroids = Centroids(x, labels, k, out var sizes);
        var scatter = new double[k];
        for (var i = 0; i < x.Rows; i++)
        {
            scatter[labels[i]] += Math.Sqrt(Distance.Squared(x.Row(i), centroids.AsSpan(labels[i] * x.Columns, x.Columns)));
        }
        var used = Enumerable.Range(0, k).Where(c => sizes[c] > 0).ToArray();
        foreach (var c in used)
        {
            scatter[c] /= sizes[c];
        }
        var total = 0.0;
        foreach (var a in used)
        {
            var worst = 0.0;
            foreach (var b in used)
            {
                if (a != b)
                {
                    var separation = Math.Sqrt(Distance.Squared(centroids.AsSpan(a * x.Columns, x.Columns), centroids.AsSpan(b * x.Columns, x.Columns)));
                    worst = Math.Max(worst, separation == 0 ? double.PositiveInfinity : (scatter[a] + scatter[b]) / separation);
                }
            }
            total += worst;
        }
        return total / used.Length;
    }

    /// <summary>Calinski-Harabasz: between-cluster over within-cluster dispersion, each per degree of freedom; higher is better.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as DaviesBouldin
    public static double CalinskiHarabasz(FeatureMatrix x, int[] labels, int k)
    {
        var centroids = Centroids(x, labels, k, out var sizes);
        var mean = new double[x.Columns];
        for (var i = 0; i < x.Rows; i++)
        {
            for (var j = 0; j < x.Columns; j++)
            {
                mean[j] += x.Values[i * x.Columns + j] / x.Rows;
            }
        }
        var within = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            within += Distance.Squared(x.Row(i), centroids.AsSpan(labels[i] * x.Columns, x.Columns));
        }
        var between = 0.0;
        for (var c = 0; c < k; c++)
        {
            between += sizes[c] * Distance.Squared(centroids.AsSpan(c * x.Columns, x.Columns), mean);
        }
        var used = sizes.Count(s => s > 0);
        return within == 0 ? 1 : between * (x.Rows - used) / (within * (used - 1));
    }

    /// <summary>Adjusted Rand index between two labelings: 1 = identical partitions, about 0 = chance agreement.</summary>
    public static double AdjustedRandIndex(int[] a, int[] b)
    {
        // Each sum below adds whole numbers of pairs (n(n-1)/2 is an integer) far below 2^53, so it is exact in any order.
        var (index, sumRows, sumColumns) = SmallLabels(a) is { } rowCount && SmallLabels(b) is { } columnCount
            ? DensePairs(a, b, rowCount, columnCount)
            : SparsePairs(a, b);
        var expected = sumRows * sumColumns / Pairs(a.Length);
        var maximum = (sumRows + sumColumns) / 2;
        return maximum == expected ? 1 : (index - expected) / (maximum - expected);
    }

    private static double Pairs(long n) => n * (n - 1) / 2.0;

    /// <summary>1 + the largest label when every label lies in [0, 4096) (cluster numbers), else null.</summary>
    private static int? SmallLabels(int[] labels)
    {
        var max = -1;
        foreach (var label in labels)
        {
            if (label is < 0 or >= 4096)
            {
                return null;
            }
            max = Math.Max(max, label);
        }
        return max + 1;
    }

    /// <summary>The contingency table of two labelings in [0, rows) and [0, columns) as arrays (the sweep's bootstrap calls this per resample).</summary>
    private static (double Index, double Rows, double Columns) DensePairs(int[] a, int[] b, int rows, int columns)
    {
        var table = new long[rows * columns];
        for (var i = 0; i < a.Length; i++)
        {
            table[a[i] * columns + b[i]]++;
        }
        var rowSums = new long[rows];
        var columnSums = new long[columns];
        var index = 0.0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var n = table[r * columns + c];
                rowSums[r] += n;
                columnSums[c] += n;
                index += Pairs(n);
            }
        }
        return (index, rowSums.Sum(Pairs), columnSums.Sum(Pairs));
    }

    private static (double Index, double Rows, double Columns) SparsePairs(int[] a, int[] b)
    {
        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < a.Length; i++)
        {
            table[(a[i], b[i])] = table.GetValueOrDefault((a[i], b[i])) + 1;
            rows[a[i]] = rows.GetValueOrDefault(a[i]) + 1;
            columns[b[i]] = columns.GetValueOrDefault(b[i]) + 1;
        }
        return (table.Values.Sum(Pairs), rows.Values.Sum(Pairs), columns.Values.Sum(Pairs));
    }

    internal static double[] Centroids(FeatureMatrix x, int[] labels, int k, out int[] sizes)
    {
        var centroids = new double[k * x.Columns];
        sizes = new int[k];
        for (var i = 0; i < x.Rows; i++)
        {
            sizes[labels[i]]++;
            for (var j = 0; j < x.Columns; j++)
            {
                centroids[labels[i] * x.Columns + j] += x.Values[i * x.Columns + j];
            }
        }
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < x.Columns && sizes[c] > 0; j++)
            {
                centroids[c * x.Columns + j] /= sizes[c];
            }
        }
        return centroids;
    }
}
