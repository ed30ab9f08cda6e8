namespace Segmenta.Lifetime;

/// <summary>One customer's predictions. Horizon-indexed arrays follow <see cref="LifetimeOptions.HorizonDays"/>.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="ProbabilityAlive">Probability of still being an active customer at the end of the data.</param>
/// <param name="ExpectedPurchases">Expected purchases (customer-days) within each horizon.</param>
/// <param name="ExpectedSpend">Expected net spend per purchase (Gamma-Gamma); null when the spend model is unusable.</param>
/// <param name="Clv">Discounted expected net spend within each horizon; null when <paramref name="ExpectedSpend"/> is.</param>
/// <param name="ProbabilityOfNoPurchase">Probability of no purchase within <see cref="LifetimeOptions.ChurnHorizonDays"/>.</param>
/// <param name="ChurnRisk">The churn risk tier of <paramref name="ProbabilityOfNoPurchase"/> (<see cref="ChurnRiskTiers"/>).</param>
public sealed record CustomerValue(
    string CustomerId, double ProbabilityAlive, IReadOnlyList<double> ExpectedPurchases, double? ExpectedSpend,
    IReadOnlyList<double>? Clv, double ProbabilityOfNoPurchase, ChurnRisk ChurnRisk)
{
    /// <summary>Repeat purchases (purchase days after the first) the prediction is based on.</summary>
    public long RepeatPurchases { get; init; }

    /// <summary>Days from the last purchase to the end of the data.</summary>
    public int DaysSinceLastPurchase { get; init; }
}
