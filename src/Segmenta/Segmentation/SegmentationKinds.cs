namespace Segmenta.Segmentation;

/// <summary>The ids of <see cref="SegmentationKind"/> and the titles shown for them: the one mapping between text and kind.</summary>
public static class SegmentationKinds
{
    /// <summary>Every kind, RFM first.</summary>
    public static IReadOnlyList<SegmentationKind> All { get; } = Enum.GetValues<SegmentationKind>();

    /// <summary>The id stored and written: "rfm", "kmeans" or "gmm".</summary>
    public static string Id(this SegmentationKind kind) => kind switch
    {
        SegmentationKind.Rfm => "rfm",
        SegmentationKind.KMeans => "kmeans",
        SegmentationKind.GaussianMixture => "gmm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>True for the clusterings (K-Means, Gaussian mixture).</summary>
    public static bool IsClustering(this SegmentationKind kind) => kind != SegmentationKind.Rfm;

    /// <summary>The segmentation a clustering algorithm writes.</summary>
    public static SegmentationKind Of(ClusteringAlgorithm algorithm) => algorithm switch
    {
        ClusteringAlgorithm.KMeans => SegmentationKind.KMeans,
        ClusteringAlgorithm.GaussianMixture => SegmentationKind.GaussianMixture,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>The algorithm of a clustering; null for RFM.</summary>
    public static ClusteringAlgorithm? Algorithm(this SegmentationKind kind) => kind switch
    {
        SegmentationKind.KMeans => ClusteringAlgorithm.KMeans,
        SegmentationKind.GaussianMixture => ClusteringAlgorithm.GaussianMixture,
        _ => null,
    };

    /// <summary>The heading of the segmentation in outputs: "RFM segments", "Clusters (K-Means)", "Clusters (Gaussian mixture)".</summary>
    public static string Title(this SegmentationKind kind) => kind switch
    {
        SegmentationKind.Rfm => "RFM segments",
        SegmentationKind.KMeans => "Clusters (K-Means)",
        _ => "Clusters (Gaussian mixture)",
    };

    /// <summary>The kind of an id (exact, as stored or put in a URL); false for anything else.</summary>
    public static bool TryParse(string? id, out SegmentationKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(id, candidate.Id(), StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>The kind of a stored id; a store holding another id was written by another version and is refused.</summary>
    public static SegmentationKind Parse(string id) => TryParse(id, out var kind) ? kind
        : throw new SegmentaException($"The store holds a segmentation '{id}' this version does not know (known: rfm, kmeans, gmm): run `segmenta analyze` again to rebuild it.");
}
