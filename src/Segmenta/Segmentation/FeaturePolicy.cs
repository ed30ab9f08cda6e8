namespace Segmenta.Segmentation;

/// <summary>What a customer feature measures, and so how it is transformed before clustering.</summary>
/// <param name="Kind">What the feature measures, in words (shown in docs and the report).</param>
/// <param name="Transform">The shape transform, fixed by the kind.</param>
/// <param name="Discrete">Whole-number values (counts, days): mixtures dequantise them (see <see cref="GaussianMixture"/>).</param>
public sealed record FeaturePolicy(string Kind, ValueTransform Transform, bool Discrete)
{
    private static readonly FeaturePolicy Money = new("money (net of returns, may be negative or 0)", ValueTransform.SignedLog1p, false);
    private static readonly FeaturePolicy Count = new("count", ValueTransform.Log1p, true);
    private static readonly FeaturePolicy Days = new("days", ValueTransform.Log1p, true);
    private static readonly FeaturePolicy MeanDays = new("days (average)", ValueTransform.Log1p, false);
    private static readonly FeaturePolicy Other = new("rate, hour or other bounded value", ValueTransform.None, false);

    /// <summary>
    /// The policy of every known customer feature. It never looks at the values: one customer's sign or the sample's
    /// skewness cannot switch a transform on or off between two imports of the same data.
    /// </summary>
    public static IReadOnlyDictionary<string, FeaturePolicy> Known { get; } = new Dictionary<string, FeaturePolicy>
    {
        ["recency"] = Days,
        ["frequency"] = Count,
        ["monetary"] = Money,
        ["tenure_days"] = Days,
        ["average_order_value"] = Money,
        ["mean_days_between_purchases"] = MeanDays,
        ["median_days_between_purchases"] = MeanDays,
        ["items_bought"] = Count,
        ["distinct_products"] = Count,
        ["returns_count"] = Count,
        ["returns_value"] = Money,
        ["average_monthly_spend"] = Money,
        ["spend_trend"] = Money with { Kind = "money per month (a slope, may be negative)" },
        ["return_rate"] = Other,
        ["cancellation_rate"] = Other,
        ["favourite_hour"] = Other,
    };

    /// <summary>The policy of <paramref name="feature"/>; a feature not in <see cref="Known"/> is only scaled.</summary>
    public static FeaturePolicy For(string feature) => Known.TryGetValue(feature, out var policy) ? policy : Other;

    /// <summary>Applies <paramref name="transform"/> to one value; an undefined value (NaN) stays undefined.</summary>
    internal static double Apply(ValueTransform transform, double x) => double.IsNaN(x) ? double.NaN : transform switch
    {
        ValueTransform.Log1p => Math.Log(1 + Math.Max(0, x)),
        // Exactly 0 stays exactly 0 (not -0.0), whatever its sign bit.
        ValueTransform.SignedLog1p => x == 0 ? 0 : Math.Sign(x) * Math.Log(1 + Math.Abs(x)),
        _ => x,
    };
}
