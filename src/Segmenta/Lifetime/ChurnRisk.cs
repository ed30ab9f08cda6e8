namespace Segmenta.Lifetime;

/// <summary>A customer's churn risk tier, from the probability of still being active (P(alive)).</summary>
public enum ChurnRisk
{
    /// <summary>P(alive) ≥ 0.7.</summary>
    Low,

    /// <summary>0.3 ≤ P(alive) &lt; 0.7.</summary>
    Medium,

    /// <summary>P(alive) &lt; 0.3.</summary>
    High,
}

/// <summary>The documented thresholds of <see cref="ChurnRisk"/>.</summary>
public static class ChurnRiskTiers
{
    /// <summary>P(alive) at or above which the risk is low.</summary>
    public const double LowFrom = 0.7;

    /// <summary>P(alive) at or above which the risk is medium (below it: high).</summary>
    public const double MediumFrom = 0.3;

    /// <summary>The tier of a probability of being alive.</summary>
    public static ChurnRisk Of(double probabilityAlive) =>
        probabilityAlive >= LowFrom ? ChurnRisk.Low : probabilityAlive >= MediumFrom ? ChurnRisk.Medium : ChurnRisk.High;
}
