using Segmenta.Exploration;
using Segmenta.Recommending;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>Products: top sellers by revenue, units and buyers, and frequently-bought-together for a chosen product.</summary>
internal static class ProductsPage
{
    internal static string Render(SegmentaStore store, string? product)
    {
        var page = new Page("Products", "/products");
        if (!Explorer.HasTables(store))
        {
            page.Paragraph("This database holds no exploration yet: run segmenta analyze FILE --out DIR (or segmenta explore) and reload.", "note");
            return page.Render();
        }
        var exploration = Explorer.Load(store);
        page.Raw($"""
            <form method="get" action="/products" class="inline" style="display:flex;gap:8px;margin-bottom:12px;flex-wrap:wrap">
            <input name="product" value="{Page.E(product)}" placeholder="code or words, e.g. 85123a or heart" id="product-code"><button type="submit" id="product-search">Find products</button>
            </form>
            """);
        if (!string.IsNullOrWhiteSpace(product))
        {
            var text = product.Trim();
            IReadOnlyList<ProductMatch> matches;
            try
            {
                // On a PostgreSQL run's database the search runs on the server that holds the lines.
                matches = Segmenta.Postgres.LineLookups.FindProducts(store, text, 20);
            }
            catch (SegmentaException e)
            {
                page.Paragraph($"The lines of this database are on a PostgreSQL server: {e.Message}", "note");
                matches = [];
            }
            var exact = matches.FirstOrDefault(m => m.StockCode.Equals(text, StringComparison.OrdinalIgnoreCase)) ?? (matches.Count == 1 ? matches[0] : null);
            if (exact is null)
            {
                page.Heading($"Products matching “{text}”");
                if (matches.Count == 0)
                {
                    page.Paragraph("No product code or description contains these words.", "note");
                }
                else
                {
                    page.Raw("<div class=\"scroll\"><table id=\"product-matches\"><thead><tr><th>Product</th><th>Description</th><th class=\"n\">Net sales</th><th class=\"n\">Customers</th></tr></thead><tbody>\n");
                    foreach (var m in matches)
                    {
                        page.Raw($"<tr><td><a href=\"/products?product={Uri.EscapeDataString(m.StockCode)}\">{Page.E(m.StockCode)}</a></td><td>{Page.E(m.Description)}</td><td class=\"n\">{Page.N(m.Revenue, 2)}</td><td class=\"n\">{Page.N(m.Customers)}</td></tr>\n");
                    }
                    page.Raw("</tbody></table></div>\n");
                }
            }
            else
            {
                var together = StoredRecommendations.BoughtTogether(store, exact.StockCode, 10);
                page.Heading($"Bought together with {exact.StockCode} {exact.Description}");
                if (together.Count == 0)
                {
                    page.Paragraph("No association stored for this product (too few invoices, or recommendations not computed).", "note");
                }
                else
                {
                    page.Table(["Product", "Description", "#Support", "#Confidence", "#Lift"], together.Select(t => (IReadOnlyList<string>)
                        [t.StockCode, t.Description ?? "", Page.P(t.Support), Page.P(t.Confidence), Page.N(t.Lift, 2)]), "bought-together");
                }
            }
        }
        var byRevenue = exploration.TopProducts.Where(p => p.Ranking == ProductRanking.Revenue).Take(20).ToList();
        page.Chart("top-products", new object[]
            {
                new
                {
                    type = "bar", orientation = "h",
                    y = byRevenue.Select(p => Clip($"{p.StockCode} {p.Description}", 28)).Reverse().ToArray(),
                    x = byRevenue.Select(p => Math.Round(p.Revenue, 2)).Reverse().ToArray(),
                },
            },
            new { title = new { text = "Top 20 products by revenue" }, height = 600, yaxis = new { automargin = true }, margin = new { l = 16 } },
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

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
