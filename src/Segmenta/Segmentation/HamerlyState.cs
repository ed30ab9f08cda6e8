using System.Runtime.CompilerServices;

namespace Segmenta.Segmentation;

/// <summary>
/// Hamerly's accelerated Lloyd iteration state: for each point an upper bound on the distance to its centre and a
/// lower bound on the distance to any other centre. A point whose upper bound is below both its lower bound and half
/// the distance from its centre to the nearest other centre cannot change cluster, and is skipped.
/// Each chunk of rows keeps its own per-cluster sums, updated only when a point changes cluster, so moving the
/// centres costs O(k·d·chunks) instead of a pass over all points; chunks are merged in order (deterministic).
/// </summary>
internal sealed class HamerlyState(FeatureMatrix x, int k, double[] centers)
{
    private readonly int _n = x.Rows;
    private readonly int _d = x.Columns;
    private readonly int[] _labels = new int[x.Rows];
    private readonly double[] _upper = new double[x.Rows];
    private readonly double[] _lower = new double[x.Rows];

    private readonly double[][] _chunkSums = [.. Enumerable.Range(0, (x.Rows + KMeans.ChunkSize - 1) / KMeans.ChunkSize).Select(_ => new double[k * x.Columns])];
    private readonly long[][] _chunkCounts = [.. Enumerable.Range(0, (x.Rows + KMeans.ChunkSize - 1) / KMeans.ChunkSize).Select(_ => new long[k])];

    internal double[] Centers { get; private set; } = (double[])centers.Clone();

    private int Chunks => _chunkSums.Length;

    internal void AssignAll() => ForEachChunk((start, end) =>
    {
        var chunk = start / KMeans.ChunkSize;
        var (sums, counts) = (_chunkSums[chunk], _chunkCounts[chunk]);
        Array.Clear(sums);
        Array.Clear(counts);
        for (var i = start; i < end; i++)
        {
            FullSearch(i);
            Add(sums, counts, i, _labels[i], 1);
        }
        return 0;
    });

    private void Add(double[] sums, long[] counts, int i, int label, int sign)
    {
        counts[label] += sign;
        var row = x.Row(i);
        var offset = label * _d;
        for (var j = 0; j < _d; j++)
        {
            sums[offset + j] += sign * row[j];
        }
    }

    /// <summary>Reassigns points whose bounds do not rule a change out; returns how many changed cluster.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // inlines Distance.Squared: Vector<T>, not ReadyToRun (decision 52)
    internal int Reassign()
    {
        var half = new double[k];
        for (var a = 0; a < k; a++)
        {
            var nearest = double.MaxValue;
            for (var b = 0; b < k; b++)
            {
                if (a != b)
                {
                    nearest = Math.Min(nearest, Math.Sqrt(Distance.Squared(Center(a), Center(b))));
                }
            }
            half[a] = nearest / 2;
        }
        return ForEachChunk([MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end) =>
        {
            var changed = 0;
            var chunk = start / KMeans.ChunkSize;
            var (sums, counts) = (_chunkSums[chunk], _chunkCounts[chunk]);
            for (var i = start; i < end; i++)
            {
                var bound = Math.Max(half[_labels[i]], _lower[i]);
                if (_upper[i] <= bound)
                {
                    continue;
                }
                _upper[i] = Math.Sqrt(Distance.Squared(x.Row(i), Center(_labels[i])));
                if (_upper[i] <= bound)
                {
                    continue;
                }
                var before = _labels[i];
                FullSearch(i);
                if (before != _labels[i])
                {
                    changed++;
                    Add(sums, counts, i, before, -1);
                    Add(sums, counts, i, _labels[i], 1);
                }
            }
            return changed;
        });
    }

    /// <summary>Moves each centre to the mean of its points (empty clusters take the farthest point); returns the shifts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // inlines Distance.Squared: Vector<T>, not ReadyToRun (decision 52)
    internal (double TotalSquared, double[] PerCenter) MoveCenters()
    {
        var total = new double[k * _d];
        var count = new long[k];
        foreach (var (sums, counts) in _chunkSums.Zip(_chunkCounts))
        {
            for (var j = 0; j < total.Length; j++)
            {
                total[j] += sums[j];
            }
            for (var c = 0; c < k; c++)
            {
                count[c] += counts[c];
            }
        }
        var next = new double[k * _d];
        var relocated = false;
        for (var c = 0; c < k; c++)
        {
            if (count[c] == 0)
            {
                x.Row(FarthestPoint()).CopyTo(next.AsSpan(c * _d, _d));
                relocated = true;
                continue;
            }
            for (var j = 0; j < _d; j++)
            {
                next[c * _d + j] = total[c * _d + j] / count[c];
            }
        }
        var shifts = new double[k];
        var totalSquared = 0.0;
        for (var c = 0; c < k; c++)
        {
            var squared = Distance.Squared(Center(c), next.AsSpan(c * _d, _d));
            totalSquared += squared;
            shifts[c] = Math.Sqrt(squared);
        }
        Centers = next;
        if (relocated)
        {
            AssignAll(); // bounds no longer hold after a jump
        }
        return (totalSquared, shifts);
    }

    internal void UpdateBounds(double[] shifts)
    {
        var (largest, second, argLargest) = (0.0, 0.0, -1);
        for (var c = 0; c < k; c++)
        {
            if (shifts[c] > largest)
            {
                (second, largest, argLargest) = (largest, shifts[c], c);
            }
            else if (shifts[c] > second)
            {
                second = shifts[c];
            }
        }
        ForEachChunk((start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                _upper[i] += shifts[_labels[i]];
                _lower[i] -= _labels[i] == argLargest ? second : largest;
            }
            return 0;
        });
    }

    /// <summary>Exact labels and inertia for the final centres.</summary>
    internal (int[] Labels, double Inertia) FinalAssignment()
    {
        var partial = new double[Chunks];
        Parallel.For(0, Chunks, new ParallelOptions { MaxDegreeOfParallelism = Chunks == 1 ? 1 : -1 }, chunk =>
        {
            var sum = 0.0;
            var end = Math.Min(_n, (chunk + 1) * KMeans.ChunkSize);
            for (var i = chunk * KMeans.ChunkSize; i < end; i++)
            {
                FullSearch(i);
                sum += _upper[i] * _upper[i];
            }
            partial[chunk] = sum;
        });
        return ((int[])_labels.Clone(), partial.Sum());
    }

    private ReadOnlySpan<double> Center(int c) => Centers.AsSpan(c * _d, _d);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // inlines Distance.Squared: Vector<T>, not ReadyToRun (decision 52)
    private void FullSearch(int i)
    {
        var row = x.Row(i);
        var (best, bestDistance, secondDistance) = (0, double.MaxValue, double.MaxValue);
        for (var c = 0; c < k; c++)
        {
            var d = Distance.Squared(row, Center(c));
            if (d < bestDistance)
            {
                (secondDistance, bestDistance, best) = (bestDistance, d, c);
            }
            else if (d < secondDistance)
            {
                secondDistance = d;
            }
        }
        _labels[i] = best;
        _upper[i] = Math.Sqrt(bestDistance);
        _lower[i] = k > 1 ? Math.Sqrt(secondDistance) : double.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // inlines Distance.Squared: Vector<T>, not ReadyToRun (decision 52)
    private int FarthestPoint()
    {
        var (index, farthest) = (0, -1.0);
        for (var i = 0; i < _n; i++)
        {
            var d = Distance.Squared(x.Row(i), Center(_labels[i]));
            if (d > farthest)
            {
                (index, farthest) = (i, d);
            }
        }
        return index;
    }

    private int ForEachChunk(Func<int, int, int> work)
    {
        if (Chunks == 1)
        {
            return work(0, _n);
        }
        var results = new int[Chunks];
        Parallel.For(0, Chunks, chunk => results[chunk] = work(chunk * KMeans.ChunkSize, Math.Min(_n, (chunk + 1) * KMeans.ChunkSize)));
        return results.Sum();
    }
}
