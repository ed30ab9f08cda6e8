using Segmenta.Features;
using Segmenta.Segmentation;

namespace Segmenta.Reporting.Sections;

/// <summary>RFM segments: who is in each, what they are worth, and what to do about them.</summary>
internal static class RfmSection
{
    internal const string Title = "RFM segments";

    internal static void Write(Html html, ReportData data)
    {
        html.Why("RFM segments are the marketer's standard vocabulary: each customer gets a 1–5 score for recency, frequency and monetary value (5 = best, equal values always equal scores), and the (R, average of F and M) pair is mapped to a named segment with a known playbook.");
        var ordered = data.RfmSegments.ToList();
        if (!data.HasAmounts)
        {
            WriteWithoutAmounts(html, data, ordered);
            return;
        }
        var (leaderCustomers, leaderRevenue) = Shares(data, ordered[0]);
        html.Figure("Net sales share by RFM segment",
            $"Bar chart of the share of net sales (after returns) per RFM segment; {ordered[0].Segment} leads with {Html.Percent(leaderRevenue)} of net sales from {Html.Percent(leaderCustomers)} of customers.",
            ChartFactory.Bars("Share of net sales by RFM segment (%)", ordered.Select(s => s.Segment).ToList(), ordered.Select(s => 100 * Shares(data, s).Revenue).ToList(),
                "Segment", "Share of net sales (%)", Enumerable.Range(0, ordered.Count).ToList(), horizontal: true));
        html.Table(
            ["Segment", "#Customers", "#Share of customers", "#Share of net sales", "#Mean recency (days)", "#Mean orders", $"#Mean net spend ({data.Currency})", "Who they are", "What to do"],
            ordered.Select(s =>
            {
                var rule = RfmSegmentRule.Default.FirstOrDefault(r => r.Segment == s.Segment);
                var (customerShare, revenueShare) = Shares(data, s);
                return (IReadOnlyList<string>)
                [
                    s.Segment, Html.Number(s.Customers), Html.Percent(customerShare), Html.Percent(revenueShare),
                    Html.Number(s.MeanRecency, 0), Html.Number(s.MeanFrequency, 1), Html.Number(s.MeanMonetary, 0), rule?.Meaning ?? "", ActionOf(data, s),
                ];
            }),
            "RFM segments, by revenue");
    }

    /// <summary>No amount in the file: RF segments (M left out, FM = F), sized by customers; no money column.</summary>
    private static void WriteWithoutAmounts(Html html, ReportData data, List<RfmSegmentRow> ordered)
    {
        html.Paragraph("No amount in this file: the segments use recency and frequency only (M is left out, so the map's FM axis is F).");
        html.Figure("Customers by RFM segment",
            $"Bar chart of the share of customers per RFM segment; {ordered[0].Segment} is the largest with {Html.Percent(Shares(data, ordered[0]).Customers)} of customers.",
            ChartFactory.Bars("Share of customers by RFM segment (%)", ordered.Select(s => s.Segment).ToList(), ordered.Select(s => 100 * Shares(data, s).Customers).ToList(),
                "Segment", "Share of customers (%)", Enumerable.Range(0, ordered.Count).ToList(), horizontal: true));
        html.Table(
            ["Segment", "#Customers", "#Share of customers", "#Mean recency (days)", "#Mean orders", "Who they are", "What to do"],
            ordered.Select(s => (IReadOnlyList<string>)
            [
                s.Segment, Html.Number(s.Customers), Html.Percent(Shares(data, s).Customers), Html.Number(s.MeanRecency, 0), Html.Number(s.MeanFrequency, 1),
                RfmSegmentRule.Default.FirstOrDefault(r => r.Segment == s.Segment)?.Meaning ?? "", ActionOf(data, s),
            ]),
            "RFM segments (recency and frequency), by customers");
    }

    /// <summary>Net sales (after returns) of all customers with an RFM segment: the denominator of every RFM share.</summary>
    internal static double NetSales(ReportData data) => data.RfmSegments.Sum(s => s.Revenue);

    /// <summary>A segment's share of customers and of net sales; the summary quotes these same values.</summary>
    internal static (double Customers, double Revenue) Shares(ReportData data, RfmSegmentRow segment)
    {
        var customers = data.RfmSegments.Sum(s => s.Customers);
        var revenue = NetSales(data);
        return ((double)segment.Customers / Math.Max(1, customers), revenue == 0 ? 0 : segment.Revenue / revenue);
    }

    /// <summary>The action profiling chose for an RFM segment (segment_catalog): the one every other output shows too.</summary>
    internal static string ActionOf(ReportData data, RfmSegmentRow segment) =>
        data.Segmentations.FirstOrDefault(s => s.Segmentation == SegmentationKind.Rfm)?.Segments.FirstOrDefault(s => s.Id == segment.SegmentId)?.Action ?? "";
}
