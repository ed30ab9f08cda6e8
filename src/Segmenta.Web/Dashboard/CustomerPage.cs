using System.Globalization;
using Segmenta.Recommending;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>Customer: look up an id; features, RFM scores, segments and probability, purchase history, recommendations.</summary>
internal static class CustomerPage
{
    private static readonly string[] KeyFeatures =
    [
        "recency", "frequency", "monetary", "average_order_value", "tenure_days", "distinct_products", "return_rate",
        "mean_days_between_purchases", "main_country", "r_score", "f_score", "m_score", "rfm_segment",
    ];

    internal static string Render(SegmentaStore store, string? id)
    {
        var page = new Page("Customer", "/customers");
        page.Raw($"""
            <form method="get" action="/customers" style="display:flex;gap:8px;margin-bottom:12px">
            <input name="id" value="{Page.E(id)}" placeholder="customer id, e.g. 12347" id="customer-id"><button type="submit" id="customer-lookup">Look up</button>
            </form>
            """);
        if (string.IsNullOrWhiteSpace(id))
        {
            return page.Render();
        }
        if (StoredCustomers.Customer(store, id.Trim()) is not { } customer)
        {
            page.Raw($"<p class=\"error\" id=\"customer-missing\">No customer with id {Page.E(id)}.</p>");
            return page.Render();
        }
        page.Heading($"Customer {customer.CustomerId}");
        page.Table(["Feature", "Value"], KeyFeatures.Where(customer.Features.ContainsKey).Select(f => (IReadOnlyList<string>)[f, Format(customer.Features[f])]), "customer-features");
        page.Heading("Segments");
        page.Raw("<div class=\"scroll\"><table id=\"customer-segments\"><thead><tr><th>Segmentation</th><th class=\"n\">Segment</th><th>Name</th><th class=\"n\">Probability</th></tr></thead><tbody>\n");
        foreach (var s in customer.Segments)
        {
            page.Raw($"<tr><td>{s.Segmentation.Id()}</td><td class=\"n\">{s.SegmentId.ToString(CultureInfo.InvariantCulture)}</td>"
                + $"<td><a href=\"/explore/{s.Segmentation.Id()}/{s.SegmentId.ToString(CultureInfo.InvariantCulture)}\">{Page.E(s.Name)}</a></td><td class=\"n\">{(s.Probability is { } p ? Page.P(p) : "")}</td></tr>\n");
        }
        page.Raw("</tbody></table></div>\n");
        // The lines of a PostgreSQL run stay on its server: these two look-ups query it (a server out of reach is said once, in a note).
        string? unreachable = null;
        IReadOnlyList<T> FromLines<T>(Func<IReadOnlyList<T>> read)
        {
            try
            {
                return unreachable is null ? read() : [];
            }
            catch (SegmentaException e)
            {
                unreachable = e.Message;
                page.Paragraph($"The lines of this database are on a PostgreSQL server: {e.Message}", "note");
                return [];
            }
        }
        var categories = FromLines(() => Segmenta.Postgres.LineLookups.CustomerCategories(store, customer.CustomerId));
        if (categories.Count > 0)
        {
            page.Heading("Categories bought");
            page.Table(["Category", "#Gross spend", "#Lines"], categories.Select(c => (IReadOnlyList<string>)
                [c.Category, Page.N((double)c.Spend, 2), c.Lines.ToString(CultureInfo.InvariantCulture)]), "customer-categories");
        }
        var recommendations = StoredRecommendations.ForCustomer(store, customer.CustomerId, 10);
        page.Heading("Recommended products");
        if (recommendations.Count == 0)
        {
            page.Paragraph("No recommendations stored for this customer (run segmenta analyze to compute them).", "note");
        }
        else
        {
            page.Table(["#Rank", "Product", "Description", "Why"], recommendations.Select(r => (IReadOnlyList<string>)
                [r.Rank.ToString(CultureInfo.InvariantCulture), r.StockCode, r.Description ?? "", r.Reason]), "customer-recommendations");
        }
        page.Heading("Latest purchases");
        page.Table(["Date", "Invoice", "Product", "Description", "#Quantity", "#Amount"],
            FromLines(() => Segmenta.Postgres.LineLookups.PurchaseHistory(store, customer.CustomerId, 50)).Select(l => (IReadOnlyList<string>)
                [l.Date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), l.Invoice ?? "", l.StockCode ?? "", l.Description ?? "", Page.N(l.Quantity), Page.N(l.Amount, 2)]),
            "customer-history");
        return page.Render();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => Page.N(d, 2),
        float f => Page.N(f, 2),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString() ?? "",
    };
}
