using System.Text.Json.Serialization;

namespace Segmenta.Segmentation;

/// <summary>
/// A segmentation of the customers: the RFM segments or one of the clusterings. Its id ("rfm", "kmeans", "gmm") is the
/// text of store columns, CSV and JSON outputs and URLs; <see cref="SegmentationKinds"/> is the one place that maps both ways.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SegmentationKind>))]
public enum SegmentationKind
{
    /// <summary>The RFM segments (named cells of the recency × frequency/monetary grid).</summary>
    [JsonStringEnumMemberName("rfm")]
    Rfm,
    /// <summary>K-Means clusters.</summary>
    [JsonStringEnumMemberName("kmeans")]
    KMeans,
    /// <summary>Gaussian-mixture clusters, with membership probabilities.</summary>
    [JsonStringEnumMemberName("gmm")]
    GaussianMixture,
}
