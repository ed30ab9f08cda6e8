using System.Runtime.CompilerServices;

namespace Segmenta.Segmentation;

/// <summary>
/// All pairwise distances of a small matrix (single precision, upper triangle), computed once so that the silhouette
/// of every k in a sweep costs only sums. Used up to <see cref="MaxRows"/> rows (≈ 50 MB); larger matrices compute
/// distances on the fly.
/// </summary>
internal sealed class PairwiseDistances
{
    internal const int MaxRows = 5000;

    private readonly float[] _upper;
    private readonly long[] _rowStart;
    private readonly int _n;

    private PairwiseDistances(FeatureMatrix x)
    {
        _n = x.Rows;
        _rowStart = new long[_n];
        long offset = 0;
        for (var i = 0; i < _n; i++)
        {
            _rowStart[i] = offset - (i + 1);
            offset += _n - i - 1;
        }
        _upper = new float[offset];
        Parallel.For(0, _n, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            var row = x.Row(i);
            for (var j = i + 1; j < _n; j++)
            {
                _upper[_rowStart[i] + j] = (float)Math.Sqrt(Distance.Squared(row, x.Row(j)));
            }
        });
    }

    internal static PairwiseDistances? TryCreate(FeatureMatrix x) => x.Rows <= MaxRows ? new PairwiseDistances(x) : null;

    /// <summary>Exact mean silhouette (as <see cref="ClusterMetrics.Silhouette"/>), from the cached distances.</summary>
    internal double Silhouette(int[] labels, int k)
    {
        var sums = new double[_n * k];
        // Each pair is read once and credited to both points; rows are split in fixed blocks so the sums are deterministic.
        for (var i = 0; i < _n; i++)
        {
            var li = labels[i];
            var start = _rowStart[i];
            for (var j = i + 1; j < _n; j++)
            {
                double d = _upper[start + j];
                sums[i * k + labels[j]] += d;
                sums[j * k + li] += d;
            }
        }
        var sizes = new int[k];
        foreach (var label in labels)
        {
            sizes[label]++;
        }
        var total = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var own = labels[i];
            if (sizes[own] <= 1)
            {
                continue;
            }
            var a = sums[i * k + own] / (sizes[own] - 1);
            var b = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    b = Math.Min(b, sums[i * k + c] / sizes[c]);
                }
            }
            total += (b - a) / Math.Max(a, b);
        }
        return total / _n;
    }
}
