using System.Globalization;
using Segmenta.Exploration;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>Cohorts: retention heatmap (share of each first-purchase cohort active in later months) and revenue by cohort.</summary>
internal static class CohortsPage
{
    internal static string Render(SegmentaStore store)
    {
        var page = new Page("Cohorts", "/cohorts");
        if (!Explorer.HasTables(store))
        {
            page.Paragraph("This database holds no exploration yet: run segmenta analyze FILE --out DIR (or segmenta explore) and reload.", "note");
            return page.Render();
        }
        var exploration = Explorer.Load(store);
        var cohorts = exploration.Cohorts.Select(c => c.CohortMonth).ToList();
        var offsets = exploration.CohortMonths.Select(c => c.MonthOffset).DefaultIfEmpty(0).Max() + 1;
        var cells = exploration.CohortMonths.ToDictionary(c => (c.CohortMonth, c.MonthOffset));
        var maxRetention = exploration.CohortMonths.Where(c => c.MonthOffset > 0).Select(c => c.Retention).DefaultIfEmpty(0.5).Max();
        maxRetention = Math.Round(Math.Max(0.05, maxRetention), 4);
        string Label(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        // Cells whose calendar month is cut by the end (or start) of the data understate activity: marked with *, not dropped.
        var period = DataPeriod.Of(store);
        bool Partial(DateOnly cohort, int offset) => period is { } p && DataPeriod.IsPartial(cohort.AddMonths(offset), p);
        double? Cell(DateOnly cohort, int offset, Func<CohortMonthRow, double> value) => cells.TryGetValue((cohort, offset), out var row) ? Math.Round(value(row), 4) : null;
        page.Chart("retention", new object[]
            {
                new
                {
                    type = "heatmap",
                    // Month 0 is 100 % by definition and is left out, so the colours spread over the months that differ.
                    x = Enumerable.Range(1, Math.Max(0, offsets - 1)).ToArray(),
                    y = cohorts.Select(Label).ToArray(),
                    z = cohorts.Select(c => Enumerable.Range(1, Math.Max(0, offsets - 1)).Select(o => Cell(c, o, r => r.Retention)).ToArray()).ToArray(),
                    text = cohorts.Select(c => Enumerable.Range(1, Math.Max(0, offsets - 1)).Select(o => Cell(c, o, r => r.Retention) is { } v ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%" + (Partial(c, o) ? "*" : "") : "").ToArray()).ToArray(),
                    texttemplate = "%{text}",
                    hovertemplate = "Cohort %{y}, month +%{x}: %{text} active<extra></extra>",
                    colorscale = "Viridis", reversescale = true, zmin = 0, zmax = maxRetention,
                    colorbar = new { title = new { text = "Active" }, tickformat = ".0%" },
                },
            },
            new { title = new { text = "Retention: share of each cohort buying again n months after its first month" }, height = Math.Max(420, 60 + 32 * cohorts.Count),
                margin = new { t = 56, r = 16, b = 64, l = 16 },
                xaxis = new { title = new { text = "Months since first purchase" }, dtick = 1 },
                yaxis = new { title = new { text = "Cohort" }, autorange = "reversed", type = "category", automargin = true } },
            "Heatmap of cohort retention by month offset from month 1 (month 0 is 100 % by definition), with percentages");
        if (period is { } range && exploration.CohortMonths.Any(c => c.MonthOffset > 0 && Partial(c.CohortMonth, c.MonthOffset)))
        {
            page.Paragraph($"* The data runs from {range.First:yyyy-MM-dd} to {range.Last:yyyy-MM-dd}: cells marked * fall in a month the data does not cover completely, "
                + "so they understate retention (the diagonal of the last month is not a drop). The last point of each line below is cut the same way.", "note");
        }
        page.Chart("cumulative", cohorts.Select((c, i) => (object)new
            {
                type = "scatter", mode = "lines", name = Label(c),
                // One colour per cohort along a sequential scale (older cohorts darker): no colour is reused.
                line = new { color = CohortColour(i, cohorts.Count) },
                x = Enumerable.Range(0, offsets).Where(o => cells.ContainsKey((c, o))).ToArray(),
                y = Enumerable.Range(0, offsets).Where(o => cells.ContainsKey((c, o))).Select(o => Math.Round(cells[(c, o)].CumulativeRevenuePerCustomer, 2)).ToArray(),
            }).ToArray(),
            new { title = new { text = "Cumulative revenue per customer by cohort age" }, xaxis = new { title = new { text = "Months since first purchase" } },
                yaxis = new { title = new { text = "Revenue per customer" }, automargin = true }, margin = new { t = 56, r = 16, b = 64, l = 16 },
                legend = new { title = new { text = "Cohort" } } },
            "Line chart of cumulative revenue per customer for each cohort");
        page.Table(["Cohort", "#Customers", "#Revenue", "#Revenue per customer", "#Repeat customers"],
            exploration.Cohorts.Select(c => (IReadOnlyList<string>)
                [Label(c.CohortMonth), Page.N(c.Customers), Page.N(c.Revenue, 2), Page.N(c.RevenuePerCustomer, 2), Page.N(c.RepeatCustomers)]), "cohorts");
        return page.Render();
    }

    /// <summary>A colour along a dark-blue to yellow scale (Viridis stops), for cohort i of n.</summary>
    private static string CohortColour(int i, int n)
    {
        (double R, double G, double B)[] stops = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];
        var t = n <= 1 ? 0 : (double)i / (n - 1) * (stops.Length - 1);
        var k = Math.Min((int)t, stops.Length - 2);
        var f = t - k;
        int Mix(double a, double b) => (int)Math.Round(a + (b - a) * f);
        return string.Create(CultureInfo.InvariantCulture, $"rgb({Mix(stops[k].R, stops[k + 1].R)},{Mix(stops[k].G, stops[k + 1].G)},{Mix(stops[k].B, stops[k + 1].B)})");
    }
}
