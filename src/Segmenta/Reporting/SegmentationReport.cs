using Segmenta.Segmentation;

namespace Segmenta.Reporting;

/// <summary>One segment as the report shows it (from segment_catalog and segment_summary).</summary>
internal sealed record SegmentRow(int Id, string Name, long Customers, double CustomerShare, double RevenueShare, double RevenuePerCustomer,
    string Explanation, double Fidelity, string Action, string Reasoning);

/// <summary>A profiled segmentation for the report: segments, feature indexes, top products and insights.</summary>
internal sealed record SegmentationReport(
    SegmentationKind Segmentation,
    IReadOnlyList<SegmentRow> Segments,
    double Fidelity,
    IReadOnlyDictionary<(int Segment, string Feature), double> Indexes,
    IReadOnlyList<(int Segment, string Description, double Revenue)> TopProducts,
    IReadOnlyList<string> Insights);
