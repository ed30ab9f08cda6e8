using Segmenta.Segmentation;

namespace Segmenta.Reporting;

/// <summary>
/// One segment's customers on the 2-D projection and their R, F, M values, for the scatter and box plots: Xs and Ys hold
/// the points drawn (every customer up to <see cref="ScatterSample.Limit"/> in all, else a sample), R, F, M every customer.
/// </summary>
internal sealed record ClusterPoints(int SegmentId, string Name, double[] Xs, double[] Ys, double[] Recency, double[] Frequency, double[] Monetary);

/// <summary>The clustering of a run as the report shows it: the selection table, the reason for k, the projection.</summary>
internal sealed record ClusteringReport(
    SegmentationKind Segmentation,
    int K,
    string Explanation,
    IReadOnlyList<ModelSelectionRow> Selection,
    double ExplainedVariance1,
    double ExplainedVariance2,
    IReadOnlyList<ClusterPoints> Segments)
{
    /// <summary>What the models saw, one line per feature (e.g. "monetary: sign(x)·log(1 + |x|), standardised").</summary>
    public IReadOnlyList<string> Transform { get; init; } = [];
}
