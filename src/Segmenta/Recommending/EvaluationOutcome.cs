namespace Segmenta.Recommending;

/// <summary>What the offline evaluation found: the table, the chosen method and its margins over the best baseline of each setting.</summary>
internal sealed record EvaluationOutcome(
    DateOnly Cutoff,
    IReadOnlyList<RecommendationEvaluationRow> Rows,
    RecommendationMethod Chosen,
    RecommendationMethod BestBaseline,
    MetricInterval Margin,
    int TrainingLines,
    int TestLines)
{
    /// <summary>The best all-items baseline (popularity or the customer's own favourites).</summary>
    public RecommendationMethod AllItemsBaseline { get; init; }

    /// <summary>All-items precision@K of the chosen method minus that of <see cref="AllItemsBaseline"/>, paired bootstrap interval.</summary>
    public MetricInterval AllItemsMargin { get; init; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>The buy-again and discovery weights used in the evaluation (learned on the split before the cut).</summary>
    public TwoKindCalibration Calibration { get; init; } = TwoKindCalibration.Prior;
}
