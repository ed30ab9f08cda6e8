using Segmenta.Exploration;
using Segmenta.Pipeline;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>Products: top sellers by revenue, units and buyers, and frequently-bought-together for a chosen product.</summary>
internal static class ProductsPage
{
    internal static string Render(SegmentaStore store, string? product)
    {
        var page = new Page("Products", "/products");
        if (!StoredResults.HasExploration(store))
        {
            page.Paragraph("This database holds no exploration yet: run segmenta analyze FILE --out DIR (or segmenta explore) and reload.", "note");
            return page.Render();
        }
        var exploration = Explorer.Load(store);
        page.Raw($"""
            <form method="get" action="/products" style="display:flex;gap:8px;margin-bottom:12px">
            <input name="product" value="{Page.E(product)}" placeholder="stock code, e.g. 85123A" id="product-code"><button type="submit">Frequently bought together</button>
            </form>
            """);
        if (!string.IsNullOrWhiteSpace(product))
        {
            var together = StoredResults.BoughtTogether(store, product.Trim(), 10);
            page.Heading($"Bought together with {product.Trim()}");
            if (together.Count == 0)
            {
                page.Paragraph("No association stored for this product (unknown code, too few invoices, or recommendations not computed).", "note");
            }
            else
            {
                page.Table(["Product", "Description", "#Support", "#Confidence", "#Lift"], together.Select(t => (IReadOnlyList<string>)
                    [t.StockCode, t.Description ?? "", Page.P(t.Support), Page.P(t.Confidence), Page.N(t.Lift, 2)]), "bought-together");
            }
        }
        var byRevenue = exploration.TopProducts.Where(p => p.Ranking == ProductRanking.Revenue).Take(20).ToList();
        page.Chart("top-products", new object[]
            {
                new
                {
                    type = "bar", orientation = "h",
                    y = byRevenue.Select(p => $"{p.StockCode} {p.Description}").Reverse().ToArray(),
                    x = byRevenue.Select(p => Math.Round(p.Revenue, 2)).Reverse().ToArray(),
                },
            },
            new { title = new { text = "Top 20 products by revenue" }, height = 600, margin = new { l = 320 } },
            "Horizontal bar chart of the 20 products with the most revenue");
        foreach (var (ranking, title) in new[] { (ProductRanking.Quantity, "Top products by units"), (ProductRanking.Customers, "Top products by distinct customers"), (ProductRanking.Returns, "Most returned products") })
        {
            page.Heading(title);
            page.Table(["#Rank", "Product", "Description", "#Units", "#Revenue", "#Customers", "#Return rate"],
                exploration.TopProducts.Where(p => p.Ranking == ranking).Take(15).Select(p => (IReadOnlyList<string>)
                    [Page.N(p.Rank), p.StockCode, p.Description ?? "", Page.N(p.Quantity), Page.N(p.Revenue, 2), Page.N(p.Customers), Page.P(p.ReturnRate)]));
        }
        return page.Render();
    }
}
