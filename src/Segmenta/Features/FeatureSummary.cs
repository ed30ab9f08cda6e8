namespace Segmenta.Features;

/// <summary>What the features step produced.</summary>
/// <param name="Customers">Customers with at least one clean purchase.</param>
/// <param name="AsOf">The day recency was measured to.</param>
/// <param name="RecencySum">Sum of recency over customers (a checksum against other tools).</param>
/// <param name="FrequencySum">Sum of frequency (orders) over customers.</param>
/// <param name="MonetarySum">Sum of monetary value over customers; NaN (not defined) when the lines have no amount.</param>
/// <param name="SegmentSizes">Customers per RFM segment, largest first, with their net sales (NaN when the lines have no amount).</param>
/// <param name="Notes">Features that could not be computed because the source lacks a column, and why.</param>
public sealed record FeatureSummary(
    long Customers,
    DateOnly AsOf,
    long RecencySum,
    long FrequencySum,
    double MonetarySum,
    IReadOnlyList<(string Segment, long Customers, double Revenue)> SegmentSizes,
    IReadOnlyList<string> Notes);
