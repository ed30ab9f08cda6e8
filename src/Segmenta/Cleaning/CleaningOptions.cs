namespace Segmenta.Cleaning;

/// <summary>Cleaning settings; validated when the cleaner starts.</summary>
public sealed partial record CleaningOptions
{
    /// <summary>The stock codes that are not products in the usual exports (postage, fees, vouchers, manual lines).</summary>
    public static IReadOnlyList<string> DefaultNonProductCodes { get; } =
    [
        "POST", "DOT", "M", "D", "C2", "CRUK", "BANK CHARGES", "AMAZONFEE", "PADS", "B", "S",
        "ADJUST", "ADJUST2", "TEST001", "TEST002", "gift\\_%",
    ];

    /// <summary>
    /// The non-product codes whose negative lines are refunds to the customer (manual credit notes, discounts,
    /// commissions, bad-debt and sample adjustments): they reduce that customer's net sales. Negative postage and
    /// carriage lines are not among them: they cancel a charge that was never counted as a sale.
    /// </summary>
    public static IReadOnlyList<string> DefaultRefundCodes { get; } = ["M", "D", "CRUK", "B", "S", "ADJUST", "ADJUST2"];

    /// <summary>Rule set; default <see cref="CleaningPreset.Default"/>.</summary>
    public CleaningPreset Preset { get; init; } = CleaningPreset.Default;

    /// <summary>
    /// Stock codes (or SQL LIKE patterns such as <c>gift\_%</c>) that are not products, compared case-insensitively.
    /// Used by the default preset.
    /// </summary>
    public IReadOnlyList<string> NonProductCodes { get; init; } = DefaultNonProductCodes;

    /// <summary>Non-product codes (LIKE patterns) whose negative lines are refunds; default <see cref="DefaultRefundCodes"/>. Default preset only.</summary>
    public IReadOnlyList<string> RefundCodes { get; init; } = DefaultRefundCodes;

    /// <summary>When exact copies of a purchase line are removed (default preset); default <see cref="DuplicatePolicy.Auto"/>.</summary>
    public DuplicatePolicy Duplicates { get; init; } = DuplicatePolicy.Auto;

    /// <summary>Lines with at least this many units (either sign) are removed by the default preset. Default 10,000.</summary>
    public double ExtremeQuantity { get; init; } = 10_000;

    internal void Validate()
    {
        if (!(ExtremeQuantity > 0))
        {
            throw Invalid(nameof(ExtremeQuantity), $"must be a positive number of units; got {ExtremeQuantity}.");
        }
    }
}
