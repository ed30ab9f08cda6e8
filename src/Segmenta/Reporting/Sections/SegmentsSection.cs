using Segmenta.Segmentation;

namespace Segmenta.Reporting.Sections;

/// <summary>The segments: profile heatmap, names, explanations, insights and actions, for each profiled segmentation.</summary>
internal static class SegmentsSection
{
    internal const string Title = "The segments";

    private static readonly (string Feature, string Label)[] HeatmapFeatures =
    [
        ("recency", "Recency"), ("frequency", "Frequency"), ("monetary", "Monetary"), ("average_order_value", "Order value"),
        ("tenure_days", "Tenure"), ("distinct_products", "Products"), ("return_rate", "Return rate"),
    ];

    internal static bool Applies(ReportData data) => data.Segmentations.Count > 0;

    internal static void Write(Html html, ReportData data)
    {
        html.Why("A segment is only useful if a marketer can say who is in it and what to do. Each segment gets a profile against the whole base (index 1 = average), a name from documented rules, a short rule learnt by a decision tree with its fidelity (the share of the segment the rule recovers), and an action from the playbook with the reasoning.");
        foreach (var segmentation in data.Segmentations)
        {
            var title = segmentation.Segmentation.Title();
            html.Raw($"<h3>{Html.Text(title)}</h3>\n");
            if (data.Clustering?.Segmentation == segmentation.Segmentation)
            {
                ChoosingSection.WritePictures(html, data);
            }
            WriteHeatmap(html, segmentation);
            html.Table(["Segment", "#Customers", "#Revenue share", $"#Spend per customer ({data.Currency})", "Rule that describes it", "#Fidelity", "Action", "Why this action"],
                segmentation.Segments.Select(s => (IReadOnlyList<string>)
                [
                    $"{s.Id}: {s.Name}", $"{Html.Number(s.Customers)} ({Html.Percent(s.CustomerShare)})", Html.Percent(s.RevenueShare),
                    Html.Number(s.RevenuePerCustomer), s.Explanation, Html.Percent(s.Fidelity, 0), s.Action, s.Reasoning,
                ]),
                $"{title}: who they are and what to do (the rules agree with the segmentation for {Html.Percent(segmentation.Fidelity, 0)} of customers)");
            if (segmentation.Insights.Count > 0)
            {
                html.Raw("<p><strong>Insights</strong></p>\n").List(segmentation.Insights);
            }
            if (!data.HasAmounts)
            {
                continue; // Products by revenue need amounts; the exploration lists products by customers.
            }
            html.Table(["Segment", "Best-selling products (by revenue)"],
                segmentation.Segments.Select(s => (IReadOnlyList<string>)
                [
                    s.Name, string.Join(" · ", segmentation.TopProducts.Where(p => p.Segment == s.Id).Select(p => $"{p.Description} ({data.Currency}{Html.Number(p.Revenue)})")),
                ]),
                "Top products of each segment");
        }
    }

    private static void WriteHeatmap(Html html, SegmentationReport segmentation)
    {
        var rows = segmentation.Segments;
        var values = new double[rows.Count, HeatmapFeatures.Length];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < HeatmapFeatures.Length; j++)
            {
                values[i, j] = segmentation.Indexes.TryGetValue((rows[i].Id, HeatmapFeatures[j].Feature), out var index) ? Math.Clamp(Math.Log2(Math.Max(index, 1e-3)), -3, 3) : double.NaN;
            }
        }
        var strongest = rows.Select(r => (r.Name, Feature: HeatmapFeatures.MaxBy(f => Math.Abs(Math.Log(Math.Max(1e-3, segmentation.Indexes.GetValueOrDefault((r.Id, f.Feature), 1)))))))
            .First();
        // Colours saturate at 1/8 and 8 times the average so that one extreme segment does not wash out the rest.
        html.Figure($"Profile of each segment against the average customer ({segmentation.Segmentation.Id()})",
            $"Heatmap of feature indexes on a log2 scale (0 = average, 1 = twice the average, -1 = half) for {rows.Count} segments; for example {strongest.Name} differ most in {strongest.Feature.Label.ToLowerInvariant()}.",
            ChartFactory.Heatmap("Segment mean / average customer (colour on a log2 scale: teal = average)", values, rows.Select(r => r.Name).ToList(),
                HeatmapFeatures.Select(f => f.Label).ToList(), "Feature", "Segment",
                (i, j) => segmentation.Indexes.TryGetValue((rows[i].Id, HeatmapFeatures[j].Feature), out var index) ? index.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "×" : "",
                (-3, 3), v => Math.Pow(2, v).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "× average"));
    }
}
