using System.Globalization;
using Segmenta.Exploration;
using Segmenta.Pipeline;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>Cohorts: retention heatmap (share of each first-purchase cohort active in later months) and revenue by cohort.</summary>
internal static class CohortsPage
{
    internal static string Render(SegmentaStore store)
    {
        var page = new Page("Cohorts", "/cohorts");
        if (!StoredResults.HasExploration(store))
        {
            page.Paragraph("This database holds no exploration yet: run segmenta analyze FILE --out DIR (or segmenta explore) and reload.", "note");
            return page.Render();
        }
        var exploration = Explorer.Load(store);
        var cohorts = exploration.Cohorts.Select(c => c.CohortMonth).ToList();
        var offsets = exploration.CohortMonths.Select(c => c.MonthOffset).DefaultIfEmpty(0).Max() + 1;
        var cells = exploration.CohortMonths.ToDictionary(c => (c.CohortMonth, c.MonthOffset));
        string Label(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        double? Cell(DateOnly cohort, int offset, Func<CohortMonthRow, double> value) => cells.TryGetValue((cohort, offset), out var row) ? Math.Round(value(row), 4) : null;
        page.Chart("retention", new object[]
            {
                new
                {
                    type = "heatmap",
                    x = Enumerable.Range(0, offsets).ToArray(),
                    y = cohorts.Select(Label).ToArray(),
                    z = cohorts.Select(c => Enumerable.Range(0, offsets).Select(o => Cell(c, o, r => r.Retention)).ToArray()).ToArray(),
                    text = cohorts.Select(c => Enumerable.Range(0, offsets).Select(o => Cell(c, o, r => r.Retention) is { } v ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "").ToArray()).ToArray(),
                    texttemplate = "%{text}",
                    hovertemplate = "Cohort %{y}, month +%{x}: %{text} active<extra></extra>",
                    colorscale = "Blues", zmin = 0, zmax = 0.5,
                },
            },
            new { title = new { text = "Retention: share of each cohort buying again n months after its first month" }, height = 560,
                xaxis = new { title = new { text = "Months since first purchase" }, dtick = 1 }, yaxis = new { title = new { text = "Cohort (month of first purchase)" }, autorange = "reversed" } },
            "Heatmap of cohort retention by month offset, with percentages");
        page.Chart("cumulative", cohorts.Select(c => (object)new
            {
                type = "scatter", mode = "lines", name = Label(c),
                x = Enumerable.Range(0, offsets).Where(o => cells.ContainsKey((c, o))).ToArray(),
                y = Enumerable.Range(0, offsets).Where(o => cells.ContainsKey((c, o))).Select(o => Math.Round(cells[(c, o)].CumulativeRevenuePerCustomer, 2)).ToArray(),
            }).ToArray(),
            new { title = new { text = "Cumulative revenue per customer by cohort age" }, xaxis = new { title = new { text = "Months since first purchase" } },
                yaxis = new { title = new { text = "Revenue per customer" } } },
            "Line chart of cumulative revenue per customer for each cohort");
        page.Table(["Cohort", "#Customers", "#Revenue", "#Revenue per customer", "#Repeat customers"],
            exploration.Cohorts.Select(c => (IReadOnlyList<string>)
                [Label(c.CohortMonth), Page.N(c.Customers), Page.N(c.Revenue, 2), Page.N(c.RevenuePerCustomer, 2), Page.N(c.RepeatCustomers)]), "cohorts");
        return page.Render();
    }
}
