namespace Segmenta.Segmentation;

/// <summary>The outcome of segmenting customers.</summary>
/// <param name="Labels">Segment of each row, numbered by descending mean of the ordering feature (monetary when present).</param>
/// <param name="Probabilities">Membership probability of each row in its segment (mixtures only).</param>
/// <param name="Selection">The model-selection table and explanation (null when k was given).</param>
/// <param name="Projection">2-D PCA projection of the transformed rows.</param>
/// <param name="Model">The fitted, serialisable model.</param>
/// <param name="Inertia">Within-segment sum of squares of the final segmentation, in the transformed space.</param>
public sealed record SegmentationResult(int[] Labels, double[]? Probabilities, ModelSelection? Selection, Projection Projection, SegmentationModel Model, double Inertia)
{
    public int K => Model.K;

    /// <summary>Number of segments: the clusters plus the extreme customers' group when there is one.</summary>
    public int Segments => Model.Segments;

    /// <summary>The sentence about the extreme customers set apart (null when none were).</summary>
    public string? ExtremeNote { get; init; }

    /// <summary>The sentence saying the model was fitted on a sample of the customers (null when every customer took part in the fit).</summary>
    public string? FitSampleNote { get; init; }
}
