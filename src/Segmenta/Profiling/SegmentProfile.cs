using Segmenta.Segmentation;

namespace Segmenta.Profiling;

/// <summary>Mean and median of one customer feature in a segment, and its index against the whole base (mean / overall mean).</summary>
public sealed record FeatureStat(string Feature, double Mean, double Median, double OverallMean, double Index);

/// <summary>A product that sells well in a segment.</summary>
public sealed record SegmentProduct(string StockCode, string? Description, double Units, double Revenue, long Buyers, int RankByUnits, int RankByRevenue);

/// <summary>Who is in one segment and what they are worth.</summary>
public sealed record SegmentProfile
{
    /// <summary>Segmentation the segment belongs to.</summary>
    public required SegmentationKind Segmentation { get; init; }

    /// <summary>Segment number (stable across reruns with the same data and seed).</summary>
    public required int SegmentId { get; init; }

    /// <summary>Name before profiling (the RFM name, or null for clusters).</summary>
    public string? GivenName { get; init; }

    /// <summary>Customers in the segment.</summary>
    public required long Customers { get; init; }

    /// <summary>Customers / all customers.</summary>
    public required double CustomerShare { get; init; }

    /// <summary>Revenue (net of returns) of the segment's customers.</summary>
    public required double Revenue { get; init; }

    /// <summary>Revenue / all revenue.</summary>
    public required double RevenueShare { get; init; }

    /// <summary>Revenue per customer.</summary>
    public required double RevenuePerCustomer { get; init; }

    /// <summary>Returned value / gross purchases.</summary>
    public required double ReturnsRate { get; init; }

    /// <summary>
    /// Share of the segment's revenue made by its top 20% of customers; NaN below <see cref="MinimumCustomersForConcentration"/>
    /// customers, where the top 20% would be one or two of them.
    /// </summary>
    public required double Top20RevenueShare { get; init; }

    /// <summary>The fewest customers a segment needs for <see cref="Top20RevenueShare"/> (the top 20% is then at least 4 of them); segment_profiles.sql applies it.</summary>
    public const int MinimumCustomersForConcentration = 20;

    /// <summary>Customers of the segment with exactly one order.</summary>
    public required long OneTimeBuyers { get; init; }

    /// <summary>One-time buyers / customers: the share a purchase rhythm (days between purchases) says nothing about.</summary>
    public double OneTimeShare => Customers > 0 ? (double)OneTimeBuyers / Customers : double.NaN;

    /// <summary>Feature statistics by feature name (recency, frequency, monetary, ...).</summary>
    public required IReadOnlyDictionary<string, FeatureStat> Features { get; init; }

    /// <summary>Top countries by revenue: (country, customers, revenue).</summary>
    public required IReadOnlyList<(string Country, long Customers, double Revenue)> TopCountries { get; init; }

    /// <summary>Top products by units and by revenue.</summary>
    public required IReadOnlyList<SegmentProduct> TopProducts { get; init; }

    /// <summary>Share of the segment in each RFM segment.</summary>
    public required IReadOnlyList<(string RfmSegment, long Customers, double Share)> RfmMix { get; init; }

    /// <summary>
    /// Predicted lifetime value of the segment's customers (the lifetime stage's longest horizon); null when no
    /// lifetime run is stored.
    /// </summary>
    public Lifetime.SegmentValue? Value { get; init; }

    /// <summary>Index (segment mean / overall mean) of a feature, NaN when unknown.</summary>
    public double IndexOf(string feature) => Features.TryGetValue(feature, out var stat) ? stat.Index : double.NaN;

    /// <summary>Segment mean of a feature, NaN when unknown.</summary>
    public double MeanOf(string feature) => Features.TryGetValue(feature, out var stat) ? stat.Mean : double.NaN;

    /// <summary>Segment median of a feature, NaN when unknown.</summary>
    public double MedianOf(string feature) => Features.TryGetValue(feature, out var stat) ? stat.Median : double.NaN;
}
