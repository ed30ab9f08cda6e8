namespace Segmenta.Cleaning;

/// <summary>Cleaning settings; validated when the cleaner starts.</summary>
public sealed record CleaningOptions
{
    /// <summary>The stock codes that are not products in the usual exports (postage, fees, vouchers, manual lines).</summary>
    public static IReadOnlyList<string> DefaultNonProductCodes { get; } =
    [
        "POST", "DOT", "M", "D", "C2", "CRUK", "BANK CHARGES", "AMAZONFEE", "PADS", "B", "S",
        "ADJUST", "ADJUST2", "TEST001", "TEST002", "gift\\_%",
    ];

    /// <summary>Rule set; default <see cref="CleaningPreset.Default"/>.</summary>
    public CleaningPreset Preset { get; init; } = CleaningPreset.Default;

    /// <summary>
    /// Stock codes (or SQL LIKE patterns such as <c>gift\_%</c>) that are not products, compared case-insensitively.
    /// Used by the default preset.
    /// </summary>
    public IReadOnlyList<string> NonProductCodes { get; init; } = DefaultNonProductCodes;

    /// <summary>Lines with at least this many units (either sign) are removed by the default preset. Default 10,000.</summary>
    public double ExtremeQuantity { get; init; } = 10_000;

    internal void Validate()
    {
        if (!(ExtremeQuantity > 0))
        {
            throw new SegmentaException($"The extreme-quantity threshold must be positive; got {ExtremeQuantity}.");
        }
    }
}
