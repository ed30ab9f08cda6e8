namespace Segmenta.Segmentation;

/// <summary>The criteria of one k (one row of model-selection.csv).</summary>
public sealed record ModelSelectionRow(
    ClusteringAlgorithm Algorithm,
    int K,
    double Inertia,
    double Silhouette,
    double DaviesBouldin,
    double CalinskiHarabasz,
    double? Bic,
    double? Aic,
    double? MeanLogLikelihood,
    double StabilityMean,
    double StabilityStd,
    bool IsKnee,
    bool Chosen)
{
    /// <summary>Lower bound of the bootstrap ARI: its 10th percentile over the resamples (NaN when the bootstrap is off).</summary>
    public double StabilityLow { get; init; } = double.NaN;

    /// <summary>Share of customers in the smallest segment of this k (0..1).</summary>
    public double SmallestShare { get; init; } = double.NaN;

    /// <summary>Why this k could not be chosen (a segment too small, unstable), or null when it competed.</summary>
    public string? SetAside { get; init; }
}

/// <summary>The selection table, the chosen k and the sentence that explains it.</summary>
public sealed record ModelSelection(IReadOnlyList<ModelSelectionRow> Rows, int ChosenK, string Explanation);
