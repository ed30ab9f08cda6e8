using Segmenta.Categories;
using Segmenta.Profiling;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>
/// Product categories (issue 22): the biggest categories by sales of kept lines, and what each segment of the main
/// segmentation over- or under-buys (index of its spend share against all customers). Reads the categories stage's
/// tables, the same ones as exploration/categories.csv, segment-categories.csv and the report.
/// </summary>
internal static class CategoriesPage
{
    private const int Shown = 20;

    internal static string Render(SegmentaStore store)
    {
        var page = new Page("Categories", "/categories");
        var categories = CategoryTables.LoadSummary(store);
        if (categories.Count == 0)
        {
            page.Paragraph("This database holds no product categories: the data had neither descriptions nor a category column, or no amounts (see the run's notes).", "note");
            return page.Render();
        }
        var top = categories.Take(Shown).Reverse().ToList();
        page.Chart("categories", new object[]
            {
                new
                {
                    type = "bar", orientation = "h", x = top.Select(c => Math.Round((double)c.Revenue, 2)).ToArray(), y = top.Select(c => c.Category).ToArray(),
                    hovertemplate = "%{y}: %{x:,.2f} (gross sales of kept lines)<extra></extra>",
                },
            },
            new { title = new { text = $"The {Math.Min(Shown, categories.Count)} biggest categories, gross sales of kept lines" },
                xaxis = new { title = new { text = "Gross sales" } }, yaxis = new { type = "category", automargin = true }, margin = new { l = 160 } },
            $"Bar chart of the {Math.Min(Shown, categories.Count)} categories with the highest gross sales of kept lines");

        if (SegmentCatalog.Primary(store) is { } segmentation
            && CategoryTables.LoadPreferences(store, segmentation) is { Count: > 0 } preferences)
        {
            var names = SegmentCatalog.Segments(store, segmentation).ToDictionary(s => s.SegmentId, s => $"{s.SegmentId} {s.Name}");
            var shownCategories = categories.Take(Shown).Select(c => c.Category).ToList();
            var segments = preferences.Select(p => p.SegmentId).Distinct().Order().ToList();
            var index = preferences.ToDictionary(p => (p.SegmentId, p.Category), p => p.Index);
            double? Cell(int segment, string category) =>
                index.TryGetValue((segment, category), out var value) && double.IsFinite(value) ? Math.Round(value, 2) : null;
            page.Heading($"What each {segmentation.Id()} segment buys, against all customers");
            page.Chart("segment-categories", new object[]
                {
                    new
                    {
                        type = "heatmap", x = shownCategories, y = segments.Select(s => names.GetValueOrDefault(s, s.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray(),
                        z = segments.Select(s => shownCategories.Select(c => Cell(s, c)).ToArray()).ToArray(),
                        texttemplate = "%{z:.1f}", colorscale = "RdBu", reversescale = true, zmid = 1,
                        hovertemplate = "%{y} spends %{z:.2f}× the share all customers spend on %{x}<extra></extra>",
                    },
                },
                new { title = new { text = "Index of the segment's spend share per category (1 = like all customers)" },
                    xaxis = new { type = "category", automargin = true }, yaxis = new { type = "category", automargin = true } },
                "Heatmap of each segment's spend-share index per category for the biggest categories");
        }

        page.Table(["Category", "#Products", "#Customers", "#Units", "#Gross sales", "#Returned value", "#Net sales", "#Share of gross"],
            categories.Select(c => (IReadOnlyList<string>)
            [
                c.Category, Page.N(c.Products), Page.N(c.Customers), Page.N((double)c.Quantity), Page.N((double)c.Revenue, 2),
                Page.N((double)c.ReturnedValue, 2), Page.N((double)c.NetRevenue, 2), Page.P(c.RevenueShare),
            ]), "category-table");
        return page.Render();
    }
}
