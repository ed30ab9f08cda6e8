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
    bool Chosen);

/// <summary>The selection table, the chosen k and the sentence that explains it.</summary>
public sealed record ModelSelection(IReadOnlyList<ModelSelectionRow> Rows, int ChosenK, string Explanation);
