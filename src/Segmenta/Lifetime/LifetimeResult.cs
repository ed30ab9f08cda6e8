namespace Segmenta.Lifetime;

/// <summary>A fit and the period of data it was made on ("calibration" before the holdout, "all" for the predictions).</summary>
public sealed record PeriodFit(string Period, ModelFit Fit, bool Chosen);

/// <summary>What the lifetime stage fitted, validated and predicted.</summary>
public sealed record LifetimeResult
{
    /// <summary>The options with resolved dates.</summary>
    public required LifetimeOptions Options { get; init; }

    /// <summary>Every fit made, counting and spend models, calibration and full period.</summary>
    public required IReadOnlyList<PeriodFit> Fits { get; init; }

    /// <summary>The counting model the predictions use.</summary>
    public required CountingModelKind Chosen { get; init; }

    /// <summary>Why that model was chosen.</summary>
    public required string ChoiceReason { get; init; }

    /// <summary>Holdout validation per model and calibration-frequency group; empty without a calibration end.</summary>
    public required IReadOnlyList<HoldoutRow> Holdout { get; init; }

    /// <summary>The churn-risk tiers checked on the holdout per model, next to recency alone; empty without a calibration end.</summary>
    public IReadOnlyList<ChurnHoldoutRow> ChurnHoldout { get; init; } = [];

    /// <summary>Cumulative repeat purchases by week, actual against the model (fitted on the calibration period when there is one).</summary>
    public IReadOnlyList<TrackingPoint> Tracking { get; init; } = [];

    /// <summary>
    /// Pearson correlation between repeat purchases and mean spend among the spend model's customers: Gamma-Gamma
    /// assumes they are independent, so a value far from 0 is a warning.
    /// </summary>
    public required double? SpendFrequencyCorrelation { get; init; }

    /// <summary>One row per customer, in customer order.</summary>
    public required IReadOnlyList<CustomerValue> Customers { get; init; }

    /// <summary>Things the user should know (a failed fit, a suspicious correlation).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
