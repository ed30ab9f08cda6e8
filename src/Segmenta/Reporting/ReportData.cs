using Segmenta.Cleaning;

namespace Segmenta.Reporting;

/// <summary>Headline numbers of the clean data.</summary>
internal sealed record Overview(DateTime FirstDate, DateTime LastDate, double GrossRevenue, long Orders, long Customers, long Products, long Countries, string? MainCountry);

/// <summary>One imported file.</summary>
internal sealed record ImportRow(string SourceName, string Format, long SizeBytes, long LinesRead, long LinesLoaded, long LinesQuarantined, string ColumnMap);

/// <summary>One RFM segment's size and means.</summary>
internal sealed record RfmSegmentRow(string Segment, long Customers, double Revenue, double MeanRecency, double MeanFrequency, double MeanMonetary, int? SegmentId = null);

/// <summary>Per-customer feature columns, aligned by index.</summary>
internal sealed record CustomerColumns(IReadOnlyDictionary<string, double[]> Values)
{
    internal double[] this[string name] => Values[name];
}

/// <summary>Everything the report shows, read once from the store.</summary>
internal sealed record ReportData(
    Overview Overview,
    IReadOnlyList<ImportRow> Imports,
    IReadOnlyList<(string Kind, long Lines, long FirstLine)> QuarantineKinds,
    IReadOnlyList<CleaningRow> Cleaning,
    string CleaningPreset,
    IReadOnlyList<RfmSegmentRow> RfmSegments,
    CustomerColumns Customers,
    DateOnly? AsOf,
    string? RunOptions,
    string Currency,
    IReadOnlyList<SegmentationReport> Segmentations,
    ClusteringReport? Clustering,
    Exploration.ExplorationResult? Exploration,
    RecommendationReport? Recommendations)
{
    /// <summary>Sales of kept lines, returns, refunds and net sales, reconciled; null for a store analysed before they existed.</summary>
    public CleaningMoney? CleaningMoney { get; init; }

    /// <summary>Null when the lines carry money; otherwise the one line saying money-based analyses were skipped.</summary>
    public string? AmountNote { get; init; }

    /// <summary>True when the lines carry money (revenue, spend and Monetary are defined).</summary>
    public bool HasAmounts => AmountNote is null;
    /// <summary>Product categories and segment preferences (null when the store has none).</summary>
    internal CategoryReport? Categories { get; init; }

    /// <summary>Lifetime fits and predictions (null when the stage did not run).</summary>
    internal Lifetime.LifetimeView? Lifetime { get; init; }
}
