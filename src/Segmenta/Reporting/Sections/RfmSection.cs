using Segmenta.Features;

namespace Segmenta.Reporting.Sections;

/// <summary>RFM segments: who is in each, what they are worth, and what to do about them.</summary>
internal static class RfmSection
{
    internal const string Title = "RFM segments";

    internal static void Write(Html html, ReportData data)
    {
        html.Why("RFM segments are the marketer's standard vocabulary: each customer gets a 1–5 score for recency, frequency and monetary value (5 = best, equal values always equal scores), and the (R, average of F and M) pair is mapped to a named segment with a known playbook.");
        var customers = data.RfmSegments.Sum(s => s.Customers);
        var revenue = data.RfmSegments.Sum(s => s.Revenue);
        var ordered = data.RfmSegments.ToList();
        html.Figure("Revenue share by RFM segment",
            $"Bar chart of revenue share per RFM segment; {ordered[0].Segment} leads with {Html.Percent(ordered[0].Revenue / revenue)} of revenue from {Html.Percent((double)ordered[0].Customers / customers)} of customers.",
            ChartFactory.Bars("Revenue share by RFM segment (%)", ordered.Select(s => s.Segment).ToList(), ordered.Select(s => 100 * s.Revenue / revenue).ToList(),
                "Segment", "Share of revenue (%)", Enumerable.Range(0, ordered.Count).ToList(), horizontal: true));
        html.Table(
            ["Segment", "#Customers", "#Share", "#Revenue share", "#Mean recency (days)", "#Mean orders", $"#Mean spend ({data.Currency})", "Who they are", "What to do"],
            ordered.Select(s =>
            {
                var rule = RfmSegmentRule.Default.FirstOrDefault(r => r.Segment == s.Segment);
                return (IReadOnlyList<string>)
                [
                    s.Segment, Html.Number(s.Customers), Html.Percent((double)s.Customers / customers), Html.Percent(s.Revenue / revenue),
                    Html.Number(s.MeanRecency, 0), Html.Number(s.MeanFrequency, 1), Html.Number(s.MeanMonetary, 0), rule?.Meaning ?? "", rule?.Action ?? "",
                ];
            }),
            "RFM segments, by revenue");
    }
}
