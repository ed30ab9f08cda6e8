namespace Segmenta.Recommending;

/// <summary>What the offline evaluation found: the table, the winner on new-items precision@K and its margin.</summary>
internal sealed record EvaluationOutcome(
    DateOnly Cutoff,
    IReadOnlyList<RecommendationEvaluationRow> Rows,
    RecommendationMethod Winner,
    RecommendationMethod BestBaseline,
    MetricInterval Margin,
    int TrainingLines,
    int TestLines);
