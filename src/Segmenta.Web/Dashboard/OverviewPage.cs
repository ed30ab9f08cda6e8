using Segmenta.Exploration;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>Overview: KPIs (revenue, orders, customers, average order value), monthly trends, countries.</summary>
internal static class OverviewPage
{
    internal static string Render(SegmentaStore store)
    {
        var page = new Page("Overview", "/");
        if (!Explorer.HasTables(store))
        {
            page.Paragraph("This database holds no exploration yet: run segmenta analyze FILE --out DIR (or segmenta explore) and reload.", "note");
            return page.Render();
        }
        var exploration = Explorer.Load(store);
        var revenue = exploration.Monthly.Sum(m => m.Revenue);
        var orders = exploration.Monthly.Sum(m => m.Orders);
        page.Raw("<div class=\"kpis\" id=\"kpis\">")
            .Raw(Kpi(Page.N(revenue), "Revenue"))
            .Raw(Kpi(Page.N(orders), "Orders"))
            .Raw(Kpi(Page.N(exploration.Customers.Customers), "Customers"))
            .Raw(Kpi(Page.N(orders == 0 ? 0 : revenue / orders, 2), "Average order value"))
            .Raw(Kpi(Page.P(exploration.Customers.RepeatShare), "Repeat buyers"))
            .Raw("</div>\n");
        var period = DataPeriod.Of(store);
        // A month cut by the start or end of the data is labelled and drawn pale, so it does not read as a cliff. The axis is
        // a category axis: as dates, plotly would read "2011-12 (partial)" as no date at all and drop that month.
        var partial = exploration.Monthly.Select(m => period is { } p && DataPeriod.IsPartial(m.Month, p)).ToArray();
        var months = exploration.Monthly.Select((m, i) => m.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) + (partial[i] ? " (partial)" : "")).ToArray();
        page.Chart("monthly", new object[]
            {
                new
                {
                    type = "bar", x = months, y = exploration.Monthly.Select(m => Math.Round(m.Revenue, 2)).ToArray(), name = "Revenue",
                    marker = new { color = partial.Select(p => p ? "rgba(31,119,180,0.35)" : "rgba(31,119,180,1)").ToArray() },
                },
                new { type = "scatter", mode = "lines+markers", x = months, y = exploration.Monthly.Select(m => m.Orders).ToArray(), name = "Orders", yaxis = "y2", line = new { color = "#d62728" } },
            },
            new
            {
                title = new { text = "Revenue and orders by month" },
                margin = new { t = 72, r = 72, b = 90, l = 72 },
                xaxis = new { automargin = true, tickangle = -45, type = "category" },
                yaxis = new { title = new { text = "Revenue" }, automargin = true },
                yaxis2 = new { title = new { text = "Orders" }, overlaying = "y", side = "right", automargin = true, rangemode = "tozero" },
                legend = new { orientation = "h", x = 0, y = 1.02, yanchor = "bottom" },
            },
            "Bar chart of monthly revenue with a line of monthly orders; partial months at the edges of the data are pale and labelled");
        if (partial.Any(p => p) && period is { } range)
        {
            page.Paragraph($"The data runs from {range.First:yyyy-MM-dd} to {range.Last:yyyy-MM-dd}: months marked (partial) are not complete.", "note");
        }
        page.Chart("customers", new object[]
            {
                new { type = "bar", x = months, y = exploration.Monthly.Select(m => m.NewCustomers).ToArray(), name = "New customers" },
                new { type = "bar", x = months, y = exploration.Monthly.Select(m => m.ReturningCustomers).ToArray(), name = "Returning customers" },
            },
            new { title = new { text = "Active customers by month: new and returning" }, barmode = "stack", margin = new { t = 72, r = 16, b = 90, l = 64 },
                xaxis = new { automargin = true, tickangle = -45, type = "category" }, legend = new { orientation = "h", x = 0, y = 1.02, yanchor = "bottom" } },
            "Stacked bar chart of new and returning customers per month");
        var countries = exploration.Countries.Take(15).ToList();
        page.Chart("countries", new object[]
            {
                new
                {
                    type = "bar", orientation = "h",
                    y = countries.Select(c => c.Country).Reverse().ToArray(), x = countries.Select(c => Math.Round(c.Revenue, 2)).Reverse().ToArray(),
                    text = countries.Select(c => Page.P(c.RevenueShare)).Reverse().ToArray(), name = "Revenue",
                },
            },
            new { title = new { text = "Revenue by country (top 15)" }, height = 480, yaxis = new { automargin = true }, margin = new { l = 16 } },
            "Horizontal bar chart of revenue by country");
        page.Table(["Country", "#Customers", "#Orders", "#Revenue", "#Share", "#Average order value"],
            exploration.Countries.Select(c => (IReadOnlyList<string>)
                [c.Country, Page.N(c.Customers), Page.N(c.Orders), Page.N(c.Revenue, 2), Page.P(c.RevenueShare), Page.N(c.AverageOrderValue, 2)]), "countries");
        return page.Render();
    }

    private static string Kpi(string value, string label) => $"<div class=\"kpi\"><b>{Page.E(value)}</b><span>{Page.E(label)}</span></div>";
}
