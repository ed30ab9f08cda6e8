namespace Segmenta.Lifetime;

/// <summary>
/// How many customers of one churn-risk tier bought at all in the holdout, for one way of ranking them
/// (<see cref="ChurnHoldout"/>).
/// </summary>
/// <param name="Model">The counting model fitted on the calibration period.</param>
/// <param name="Ranking">"model" (tiers of the model's probability of no purchase within the holdout) or "recency" (the
/// same numbers of customers per tier, ranked by time since the last purchase alone).</param>
/// <param name="Tier">"Low", "Medium", "High" or "total".</param>
/// <param name="Customers">Customers in the tier.</param>
/// <param name="Buyers">Of them, customers with at least one purchase in the holdout.</param>
/// <param name="Auc">On the total row: the probability that a customer who did not buy in the holdout is ranked at higher
/// risk than one who did (ties count half; 0.5 = no better than chance). Null on the tier rows.</param>
public sealed record ChurnHoldoutRow(string Model, string Ranking, string Tier, long Customers, long Buyers, double? Auc)
{
    /// <summary>Share of the tier's customers who bought in the holdout; null for an empty tier.</summary>
    public double? BuyerShare => Customers == 0 ? null : (double)Buyers / Customers;
}
