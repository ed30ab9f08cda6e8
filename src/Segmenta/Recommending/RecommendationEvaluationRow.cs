namespace Segmenta.Recommending;

/// <summary>One recommender in one evaluation setting: ranking metrics at K with 95% bootstrap intervals.</summary>
/// <param name="Method">The recommender.</param>
/// <param name="Setting">All items or new items only.</param>
/// <param name="Customers">Customers evaluated, all eligible ones or a sample of them (active before and after the cut; in the new-items setting, with at least one new product after it).</param>
/// <param name="K">The list length the metrics are cut at.</param>
/// <param name="Precision">Hits in the top K divided by K.</param>
/// <param name="Recall">Hits in the top K divided by the number of products bought after the cut.</param>
/// <param name="MeanAveragePrecision">MAP@K: mean over customers of (1 / min(|T|, K)) times the sum of precision@r at each hit rank r.</param>
/// <param name="Ndcg">NDCG@K with binary gains: sum of 1 / log2(r + 1) over hit ranks, divided by its ideal value.</param>
/// <param name="HitRate">Share of customers with at least one hit in the top K.</param>
/// <param name="Coverage">Distinct products recommended to the evaluated customers divided by the products sold before the cut.</param>
public sealed record RecommendationEvaluationRow(
    RecommendationMethod Method,
    EvaluationSetting Setting,
    int Customers,
    int K,
    MetricInterval Precision,
    MetricInterval Recall,
    MetricInterval MeanAveragePrecision,
    MetricInterval Ndcg,
    MetricInterval HitRate,
    double Coverage)
{
    /// <summary>Customers eligible for the evaluation; more than <see cref="Customers"/> when a sample of them was evaluated (<see cref="RecommendationOptions.EvaluationCustomers"/>).</summary>
    public int EligibleCustomers { get; init; } = Customers;

    /// <summary>True when the metrics come from a sample of the eligible customers.</summary>
    public bool Sampled => EligibleCustomers > Customers;
}
