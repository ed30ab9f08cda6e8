using System.Globalization;

namespace Segmenta.Lifetime;

/// <summary>
/// A customer's churn risk tier: how likely the customer is to make no purchase at all within the churn horizon
/// (<see cref="LifetimeOptions.ChurnHorizonDays"/>, 90 days by default), by the fitted counting model.
/// </summary>
public enum ChurnRisk
{
    /// <summary>P(no purchase within the horizon) ≤ 0.3: at least a 70 % chance of buying again.</summary>
    Low,

    /// <summary>0.3 &lt; P(no purchase within the horizon) ≤ 0.7.</summary>
    Medium,

    /// <summary>P(no purchase within the horizon) &gt; 0.7: less than a 30 % chance of buying again.</summary>
    High,
}

/// <summary>
/// The documented thresholds of <see cref="ChurnRisk"/>. The tier is read from the model's probability of no purchase in
/// (T, T + h]: 1 − P(alive) + P(alive) · P(no purchase in h | alive), which for BG/NBD and MBG/NBD is
/// 1 − P(alive) + P(alive) ((α + T)/(α + T + h))^(r + x) (docs/lifetime.md derives all three models). Unlike P(alive) it
/// separates customers even when the fit sees almost no dropout: a customer who is surely alive but buys rarely is
/// still unlikely to buy within the horizon.
/// </summary>
public static class ChurnRiskTiers
{
    /// <summary>P(no purchase within the horizon) at or below which the risk is low.</summary>
    public const double LowAtMost = 0.3;

    /// <summary>P(no purchase within the horizon) at or below which the risk is medium (above it: high).</summary>
    public const double MediumAtMost = 0.7;

    /// <summary>The tier of a probability of no purchase within the churn horizon.</summary>
    public static ChurnRisk Of(double probabilityOfNoPurchase) =>
        probabilityOfNoPurchase <= LowAtMost ? ChurnRisk.Low : probabilityOfNoPurchase <= MediumAtMost ? ChurnRisk.Medium : ChurnRisk.High;

    /// <summary>The rule in words, as every output that shows the tier states it.</summary>
    public static string Rule(int horizonDays) => string.Create(CultureInfo.InvariantCulture,
        $"tier of the model's probability of no purchase in the next {horizonDays} days: low at most {LowAtMost}, medium at most {MediumAtMost}, high above");
}
