using Segmenta.Categories;
using Segmenta.Segmentation;

namespace Segmenta.Reporting.Sections;

/// <summary>Product categories: revenue by category (bars) and what each segment buys more or less than everyone (heatmap of indexes).</summary>
internal static class CategoriesSection
{
    internal const string Title = "Product categories";

    private const int BarCategories = 20;
    private const int HeatmapCategories = 15;

    internal static bool Applies(ReportData data) => data.Categories is { Categories.Count: > 0 };

    internal static void Write(Html html, ReportData data)
    {
        var report = data.Categories!;
        var rows = report.Categories;
        var total = rows.Sum(c => c.Revenue);
        var top = rows.Take(BarCategories).ToList();
        var other = rows.FirstOrDefault(c => c.Category == CategoryVocabulary.Other);
        html.Why("Line items rarely carry a category, so each product gets one from its most frequent description: the first product word of the category vocabulary found in it (BAG in \"JUMBO BAG RED RETROSPOT\"), or the data's own category column when mapped. out/exploration/product-categories.csv shows the words that decided each product.");
        html.Paragraph($"{Html.Number(report.Products)} products in {Html.Number(rows.Count(c => c.Category != CategoryVocabulary.Other))} categories; the {top.Count} largest make {Html.Percent(Share(top.Sum(c => c.Revenue), total))} of the sales of kept lines"
            + (other is null ? "." : $"; {Html.Number(other.Products)} products without a category (\"other\") make {Html.Percent(Share(other.Revenue, total))}."));
        html.Figure($"Sales of kept lines by category (top {top.Count})", $"Horizontal bars of gross sales per category; the largest is {top[0].Category} with {Html.Percent(top[0].RevenueShare)}.",
            ChartFactory.Bars($"Sales of kept lines by category ({data.Currency})", top.Select(c => c.Category).ToList(), top.Select(c => (double)c.Revenue).ToList(),
                "Category", $"Sales of kept lines ({data.Currency})", horizontal: true));
        foreach (var segmentation in data.Segmentations.Take(1))
        {
            WriteHeatmap(html, segmentation, report, rows.Where(c => c.Category != CategoryVocabulary.Other).Take(HeatmapCategories).Select(c => c.Category).ToList());
        }
        html.Table(["Category", "#Products", "#Customers", "#Units", $"#Sales of kept lines ({data.Currency})", "#Share", $"#Returned ({data.Currency})", $"#Net of returns ({data.Currency})"],
            rows.Select(c => (IReadOnlyList<string>)
            [
                c.Category, Html.Number(c.Products), Html.Number(c.Customers), Html.Number((double)c.Quantity), Html.Number((double)c.Revenue),
                Html.Percent(c.RevenueShare), Html.Number((double)c.ReturnedValue), Html.Number((double)c.NetRevenue),
            ]),
            "Categories by sales of kept lines (gross; returns shown apart)");
    }

    private static void WriteHeatmap(Html html, SegmentationReport segmentation, CategoryReport report, IReadOnlyList<string> categories)
    {
        var preferences = report.Preferences.Where(p => p.Segmentation == segmentation.Segmentation).ToDictionary(p => (p.SegmentId, p.Category));
        var segments = segmentation.Segments;
        if (preferences.Count == 0 || categories.Count == 0)
        {
            return;
        }
        var values = new double[categories.Count, segments.Count];
        for (var i = 0; i < categories.Count; i++)
        {
            for (var j = 0; j < segments.Count; j++)
            {
                // A category the segment never bought has index 0: shown as the bottom of the scale.
                var index = preferences.TryGetValue((segments[j].Id, categories[i]), out var p) ? p.Index : 0;
                values[i, j] = double.IsFinite(index) ? Math.Clamp(Math.Log2(Math.Max(index, 0.25)), -2, 2) : double.NaN;
            }
        }
        var svg = ChartFactory.Heatmap($"Category index by segment ({segmentation.Segmentation.Id()})", values, categories,
            segments.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), "Segment", "Category",
            (i, j) => preferences.TryGetValue((segments[j].Id, categories[i]), out var p) && double.IsFinite(p.Index) ? "×" + Html.Number(p.Index, 1) : "–",
            (-2, 2), v => "×" + Html.Number(Math.Pow(2, v), 2));
        html.Figure($"What each segment buys, by category ({segmentation.Segmentation.Id()})",
            "Each cell is the category's share of the segment's gross spend divided by its share for all customers (×1 = like everyone). Segments: "
            + string.Join("; ", segments.Select(s => $"{s.Id} = {s.Name}")) + ".", svg);
    }

    private static double Share(decimal part, decimal total) => total == 0 ? double.NaN : (double)(part / total);
}
