using System.Globalization;
using Segmenta.Exploration;

namespace Segmenta.Reporting.Sections;

/// <summary>Exploration: monthly revenue and orders, top products, countries, weekday x hour, cohort retention, Pareto curve.</summary>
internal static class ExplorationSection
{
    internal const string Title = "Exploration";

    internal static bool Applies(ReportData data) => data.Exploration is not null;

    internal static void Write(Html html, ReportData data)
    {
        var x = data.Exploration!;
        var currency = data.Currency;
        html.Why("Before segmenting customers, look at the business: when revenue comes in, what sells, where customers are, whether new customers come back, and how concentrated revenue is. These tables are in out/exploration/ as CSV.");
        if (!x.HasAmounts)
        {
            WriteWithoutAmounts(html, data, x);
            return;
        }
        if (x.BestMonth is { } best)
        {
            var repeat = x.Customers.RepeatShare;
            var top10 = x.Pareto.FirstOrDefault(p => p.CustomerPercent == 10)?.RevenueShare ?? double.NaN;
            html.List(
            [
                $"Best month: {best.Month:MMMM yyyy} with {currency}{Html.Number(best.Revenue)} from {Html.Number(best.Orders)} orders.",
                $"{Html.Percent(repeat)} of customers bought more than once; they made {Html.Percent(x.Customers.RepeatRevenueShare)} of revenue.",
                $"The top 10% of customers made {Html.Percent(top10)} of revenue; the top 10% of products made {Html.Percent(x.Products.Top10PercentRevenueShare)}.",
            ]);
        }
        var months = x.Monthly.Select(m => m.Month.ToDateTime(TimeOnly.MinValue)).ToList();
        var (first, last) = (data.Overview.FirstDate, data.Overview.LastDate);
        var partial = x.Monthly.Select(m => PartialPeriods.IsPartialMonth(m.Month, first, last)).ToList();
        var partialNote = PartialPeriods.Note(x.Monthly.Select(m => m.Month), first, last);
        html.Figure("Revenue by month", $"Line chart of monthly revenue from {x.Monthly[0].Month:MMM yyyy} to {x.Monthly[^1].Month:MMM yyyy}." + (partialNote is null ? "" : " " + partialNote),
            ChartFactory.MonthlyLine("Revenue by month (sales of kept lines)", months, [("Revenue", [.. x.Monthly.Select(m => m.Revenue)])], $"Revenue ({currency})", partial));
        html.Figure("Orders and active customers by month", "Line chart of monthly orders, active customers and new customers." + (partialNote is null ? "" : " " + partialNote),
            ChartFactory.MonthlyLine("Orders and customers by month", months,
                [("Orders", [.. x.Monthly.Select(m => (double)m.Orders)]), ("Active customers", [.. x.Monthly.Select(m => (double)m.ActiveCustomers)]),
                 ("New customers", [.. x.Monthly.Select(m => (double)m.NewCustomers)])], "Count", partial));
        var topProducts = x.TopProducts.Where(p => p.Ranking == ProductRanking.Revenue).Take(12).ToList();
        html.Figure("Top products by revenue", $"Horizontal bar chart of the {topProducts.Count} products with the most revenue.",
            ChartFactory.Bars("Top products by revenue", [.. topProducts.Select(p => p.Description ?? p.StockCode)], [.. topProducts.Select(p => p.Revenue)],
                "Product", $"Revenue ({currency})", horizontal: true));
        var countries = x.Countries.Take(12).ToList();
        html.Figure("Revenue by country", $"Horizontal bar chart of revenue for the top {countries.Count} countries; {countries.FirstOrDefault()?.Country} makes {Html.Percent(countries.FirstOrDefault()?.RevenueShare ?? 0)}.",
            ChartFactory.Bars("Revenue by country", [.. countries.Select(c => c.Country)], [.. countries.Select(c => c.Revenue)], "Country", $"Revenue ({currency})", horizontal: true));
        WriteWeekdayHour(html, x);
        WriteRetention(html, x, first, last);
        html.Figure("Revenue concentration (Pareto curve)", "Line chart of the share of revenue made by the top x% of customers.",
            ChartFactory.Lines("Share of revenue made by the top x% of customers", [.. x.Pareto.Select(p => (double)p.CustomerPercent)],
                [("Revenue share", [.. x.Pareto.Select(p => p.RevenueShare)])], "Top x% of customers", "Share of revenue", [(20, "top 20%")]));
    }

    /// <summary>No amount in the file: counts of orders and customers instead of revenue; each money analysis skipped in one line.</summary>
    private static void WriteWithoutAmounts(Html html, ReportData data, ExplorationResult x)
    {
        html.List([.. x.Skipped]);
        if (x.Monthly.Count == 0)
        {
            return;
        }
        var months = x.Monthly.Select(m => m.Month.ToDateTime(TimeOnly.MinValue)).ToList();
        var (first, last) = (data.Overview.FirstDate, data.Overview.LastDate);
        var partial = x.Monthly.Select(m => PartialPeriods.IsPartialMonth(m.Month, first, last)).ToList();
        var partialNote = PartialPeriods.Note(x.Monthly.Select(m => m.Month), first, last);
        html.Figure("Orders and active customers by month", "Line chart of monthly orders, active customers and new customers." + (partialNote is null ? "" : " " + partialNote),
            ChartFactory.MonthlyLine("Orders and customers by month", months,
                [("Orders", [.. x.Monthly.Select(m => (double)m.Orders)]), ("Active customers", [.. x.Monthly.Select(m => (double)m.ActiveCustomers)]),
                 ("New customers", [.. x.Monthly.Select(m => (double)m.NewCustomers)])], "Count", partial));
        var topProducts = x.TopProducts.Where(p => p.Ranking == ProductRanking.Customers).Take(12).ToList();
        if (topProducts.Count > 0)
        {
            html.Figure("Top products by customers", $"Horizontal bar chart of the {topProducts.Count} products bought by the most customers.",
                ChartFactory.Bars("Top products by customers", [.. topProducts.Select(p => p.Description ?? p.StockCode)], [.. topProducts.Select(p => (double)p.Customers)],
                    "Product", "Customers", horizontal: true));
        }
        WriteRetention(html, x, first, last);
    }

    private static void WriteWeekdayHour(Html html, ExplorationResult x)
    {
        var hours = x.WeekdayHour.Where(c => c.Revenue > 0).Select(c => c.Hour).DefaultIfEmpty(0).ToList();
        var (first, last) = (hours.Min(), hours.Max());
        DayOfWeek[] days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
        var cells = x.WeekdayHour.ToDictionary(c => (c.Weekday, c.Hour));
        var columns = Enumerable.Range(first, last - first + 1).ToList();
        var values = new double[days.Length, columns.Count];
        var max = x.WeekdayHour.Select(c => c.RevenueShare).DefaultIfEmpty(1).Max();
        for (var i = 0; i < days.Length; i++)
        {
            for (var j = 0; j < columns.Count; j++)
            {
                values[i, j] = cells.TryGetValue((days[i], columns[j]), out var c) ? c.RevenueShare : 0;
            }
        }
        html.Figure("Revenue by weekday and hour",
            $"Heatmap of the share of all revenue made in each weekday and hour of the day ({first}h to {last}h); each cell shows its share in % (cells under 0.5 % are left blank); "
            + $"colour runs from dark (0 %) to yellow ({(max * 100).ToString("0.0", CultureInfo.InvariantCulture)} %, the busiest hour).",
            ChartFactory.Heatmap("Share of revenue by weekday and hour (% of all revenue)", values, [.. days.Select(d => d.ToString()[..3])],
                [.. columns.Select(h => h.ToString(CultureInfo.InvariantCulture))], "Hour of day", "Weekday",
                (i, j) => values[i, j] >= 0.005 ? (values[i, j] * 100).ToString("0", CultureInfo.InvariantCulture) : "", (0, max),
                v => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %"));
    }

    private static void WriteRetention(Html html, ExplorationResult x, DateTime firstSale, DateTime lastSale)
    {
        var cohorts = x.Cohorts.Select(c => c.CohortMonth).ToList();
        var offsets = x.CohortMonths.Select(c => c.MonthOffset).DefaultIfEmpty(0).Max() + 1;
        var cells = x.CohortMonths.ToDictionary(c => (c.CohortMonth, c.MonthOffset));
        var values = new double[cohorts.Count, offsets];
        bool Partial(int i, int j) => PartialPeriods.IsPartialMonth(cohorts[i].AddMonths(j), firstSale, lastSale);
        for (var i = 0; i < cohorts.Count; i++)
        {
            for (var j = 0; j < offsets; j++)
            {
                // Offset 0 is 100% by definition; it would take the whole colour scale, so it is shown but not coloured.
                // Cells in a partial calendar month (the diagonal of the last month) are not coloured either: they would read as churn.
                values[i, j] = j > 0 && !Partial(i, j) && cells.TryGetValue((cohorts[i], j), out var c) ? c.Retention : double.NaN;
            }
        }
        html.Figure("Cohort retention",
            "Heatmap of the share of each monthly cohort (month of first purchase) that bought again 1, 2, ... months later, with percentages; colour from dark (0 %) to yellow (50 % or more)."
            + (PartialPeriods.Note(cohorts, firstSale, lastSale) is { } note ? " Grey cells marked * fall in a partial calendar month. " + note : ""),
            ChartFactory.Heatmap("Retention by cohort: % of the cohort buying in month +n", values, [.. cohorts.Select(c => c.ToString("yyyy-MM", CultureInfo.InvariantCulture))],
                [.. Enumerable.Range(0, offsets).Select(o => o.ToString(CultureInfo.InvariantCulture))], "Months since first purchase", "Cohort",
                (i, j) => cells.TryGetValue((cohorts[i], j), out var c) ? (c.Retention * 100).ToString("0", CultureInfo.InvariantCulture) + "%" + (j > 0 && Partial(i, j) ? "*" : "") : "", (0, 0.5),
                v => (v * 100).ToString("0", CultureInfo.InvariantCulture) + " %"));
    }
}
