namespace Segmenta.Segmentation;

/// <summary>
/// The silhouette of every k of a sweep on the same rows: all customers up to
/// <see cref="SegmentationOptions.SilhouetteSampleSize"/>, beyond that a seeded sample of that size (as scikit-learn's
/// <c>silhouette_score(sample_size=...)</c>). Distances between the scored rows are computed once when they fit in memory.
/// </summary>
internal sealed class SilhouetteScorer
{
    private readonly FeatureMatrix _rows;
    private readonly int[]? _sample;
    private readonly PairwiseDistances? _distances;

    private SilhouetteScorer(FeatureMatrix rows, int[]? sample)
    {
        _rows = rows;
        _sample = sample;
        _distances = PairwiseDistances.TryCreate(rows);
    }

    internal static SilhouetteScorer Create(FeatureMatrix x, SegmentationOptions options)
    {
        if (x.Rows <= options.SilhouetteSampleSize)
        {
            return new SilhouetteScorer(x, null);
        }
        var random = new Random(options.Seed);
        var sample = Enumerable.Range(0, x.Rows).OrderBy(_ => random.Next()).Take(options.SilhouetteSampleSize).Order().ToArray();
        return new SilhouetteScorer(x.Select(sample), sample);
    }

    internal double Score(int[] labels, int k)
    {
        var scored = _sample is null ? labels : _sample.Select(r => labels[r]).ToArray();
        return _distances?.Silhouette(scored, k) ?? ClusterMetrics.Silhouette(_rows, scored, k);
    }
}
