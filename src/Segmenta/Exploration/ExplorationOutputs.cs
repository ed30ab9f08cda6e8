using System.Globalization;
using System.Text;

namespace Segmenta.Exploration;

/// <summary>
/// Writes one CSV per exploration table under DIR/exploration/ (UTF-8, invariant culture, text cells safe for
/// spreadsheets). The columns are documented in docs/exploration.md.
/// </summary>
public static class ExplorationOutputs
{
    /// <summary>Writes the CSV files (replacing earlier ones) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(ExplorationResult result, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var folder = Path.Combine(outputDirectory, "exploration");
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        // Without amounts the money-only tables are not written (a stale copy is removed); skipped.csv says why, one line each.
        string[] moneyOnly = ["price-bands.csv", "pareto.csv", "cohorts-revenue.csv", "cohorts-cumulative-revenue.csv"];
        string[] stale = result.HasAmounts ? ["skipped.csv"] : moneyOnly;
        foreach (var name in stale)
        {
            File.Delete(Path.Combine(folder, name));
        }
        void Table(string name, string header, IEnumerable<IEnumerable<string>> rows)
        {
            if (result.HasAmounts || !moneyOnly.Contains(name))
            {
                written.Add(WriteCsv(folder, name, header, rows));
            }
        }
        if (!result.HasAmounts)
        {
            Table("skipped.csv", "Skipped", result.Skipped.Select(line => Cells(CsvCell.Text(line))));
        }

        Table("monthly.csv", "Month,Revenue,Orders,ActiveCustomers,NewCustomers,ReturningCustomers,AverageOrderValue,ItemsPerOrder,Lines",
            result.Monthly.Select(m => Cells(Month(m.Month), Money(m.Revenue), Int(m.Orders), Int(m.ActiveCustomers), Int(m.NewCustomers),
                Int(m.ReturningCustomers), Money(m.AverageOrderValue), Fixed(m.ItemsPerOrder, 3), Int(m.Lines))));
        Table("yearly.csv", "Year,Revenue,Orders,ActiveCustomers,NewCustomers,AverageOrderValue,ItemsPerOrder,Lines,FirstSale,LastSale,MonthsWithSales",
            result.Yearly.Select(y => Cells(Int(y.Year), Money(y.Revenue), Int(y.Orders), Int(y.ActiveCustomers), Int(y.NewCustomers),
                Money(y.AverageOrderValue), Fixed(y.ItemsPerOrder, 3), Int(y.Lines), Time(y.FirstSale), Time(y.LastSale), Int(y.MonthsWithSales))));
        Table("weekday-hour.csv", "Weekday,IsoWeekday,Hour,Revenue,Orders,Lines,RevenueShare",
            result.WeekdayHour.Select(c => Cells(c.Weekday.ToString(), Int(c.Weekday == DayOfWeek.Sunday ? 7 : (int)c.Weekday), Int(c.Hour),
                Money(c.Revenue), Int(c.Orders), Int(c.Lines), Share(c.RevenueShare))));
        Table("products.csv", "Ranking,Rank,StockCode,Description,Quantity,Revenue,Customers,Lines,ReturnedQuantity,ReturnedLines,ReturnedValue,ReturnRate",
            result.TopProducts.Select(p => Cells(p.Ranking.ToString(), Int(p.Rank), CsvCell.Text(p.StockCode), CsvCell.Text(p.Description),
                Fixed(p.Quantity, 3), Money(p.Revenue), Int(p.Customers), Int(p.Lines), Fixed(p.ReturnedQuantity, 3),
                Int(p.ReturnedLines), Money(p.ReturnedValue), Share(p.ReturnRate))));
        var s = result.Products;
        Table("products-summary.csv",
            "Products,Top10PercentProducts,Top10PercentRevenueShare,Top20PercentRevenueShare,MeanUnitPrice,UnitPriceP05,UnitPriceP25,UnitPriceMedian,UnitPriceP75,UnitPriceP95,UnitPriceMax",
            [Cells(Int(s.Products), Int(s.Top10PercentProducts), Share(s.Top10PercentRevenueShare), Share(s.Top20PercentRevenueShare), Money(s.MeanUnitPrice),
                Money(s.UnitPriceP05), Money(s.UnitPriceP25), Money(s.UnitPriceMedian), Money(s.UnitPriceP75), Money(s.UnitPriceP95), Money(s.UnitPriceMax))]);
        Table("price-bands.csv", "Band,LowerPrice,UpperPrice,Lines,Quantity,Revenue,Products,LineShare,RevenueShare",
            result.PriceBands.Select(b => Cells(Int(b.Band), Money(b.LowerPrice), Optional(b.UpperPrice), Int(b.Lines), Fixed(b.Quantity, 3),
                Money(b.Revenue), Int(b.Products), Share(b.LineShare), Share(b.RevenueShare))));
        Table("countries.csv", "Country,Customers,Orders,Revenue,AverageOrderValue,RevenueShare,CustomerShare,Lines",
            result.Countries.Select(c => Cells(CsvCell.Text(c.Country), Int(c.Customers), Int(c.Orders), Money(c.Revenue), Money(c.AverageOrderValue),
                Share(c.RevenueShare), Share(c.CustomerShare), Int(c.Lines))));
        var k = result.Customers;
        Table("customers-summary.csv",
            "Customers,OneTimeCustomers,RepeatCustomers,RepeatShare,RepeatRevenueShare,MeanOrders,MedianOrders,MeanSpend,MedianSpend,SpendP90,Revenue",
            [Cells(Int(k.Customers), Int(k.OneTimeCustomers), Int(k.RepeatCustomers), Share(k.RepeatShare), Share(k.RepeatRevenueShare),
                Fixed(k.MeanOrders, 3), Fixed(k.MedianOrders, 3), Money(k.MeanSpend), Money(k.MedianSpend), Money(k.SpendP90), Money(k.Revenue))]);
        Table("customers-distribution.csv", "Distribution,Bucket,Lower,Upper,Customers,Revenue,CustomerShare,RevenueShare",
            result.OrdersPerCustomer.Select(b => Bucket("orders", b)).Concat(result.SpendPerCustomer.Select(b => Bucket("spend", b))));
        Table("pareto.csv", "CustomerPercent,TopCustomers,Revenue,RevenueShare",
            result.Pareto.Select(p => Cells(Int(p.CustomerPercent), Int(p.TopCustomers), Money(p.Revenue), Share(p.RevenueShare))));
        Table("cohorts.csv", "CohortMonth,Customers,Revenue,RevenuePerCustomer,RepeatCustomers,MonthsObserved",
            result.Cohorts.Select(c => Cells(Month(c.CohortMonth), Int(c.Customers), Money(c.Revenue), Money(c.RevenuePerCustomer), Int(c.RepeatCustomers),
                Int(c.MonthsObserved))));
        written.Add(WriteMatrix(folder, "cohorts-retention.csv", result, c => Share(c.Retention)));
        if (result.HasAmounts)
        {
            written.Add(WriteMatrix(folder, "cohorts-revenue.csv", result, c => Money(c.Revenue)));
            written.Add(WriteMatrix(folder, "cohorts-cumulative-revenue.csv", result, c => Money(c.CumulativeRevenuePerCustomer)));
        }
        Table("retention-curve.csv", "MonthOffset,Cohorts,Customers,MeanRetention,WeightedRetention,CumulativeRevenuePerCustomer",
            result.RetentionCurve.Select(p => Cells(Int(p.MonthOffset), Int(p.Cohorts), Int(p.Customers), Share(p.MeanRetention), Share(p.WeightedRetention),
                Money(p.CumulativeRevenuePerCustomer))));
        Table("data-quality.csv", "Kind,Step,Name,Description,Lines,Revenue,LineShare",
            result.DataQuality.Select(q => Cells(q.Kind.ToString(), Int(q.Step), CsvCell.Text(q.Name), CsvCell.Text(q.Description), Int(q.Lines),
                Optional(q.Revenue), Share(q.LineShare))));
        return written;
    }

    /// <summary>A cohort matrix: one row per cohort, one column per month offset (M0 = the cohort month), empty where not yet observed.</summary>
    private static string WriteMatrix(string folder, string name, ExplorationResult result, Func<CohortMonthRow, string> cell)
    {
        var offsets = result.CohortMonths.Count == 0 ? 0 : result.CohortMonths.Max(c => c.MonthOffset) + 1;
        var header = "CohortMonth,Customers" + string.Concat(Enumerable.Range(0, offsets).Select(o => FormattableString.Invariant($",M{o}")));
        var cells = result.CohortMonths.ToLookup(c => c.CohortMonth);
        return WriteCsv(folder, name, header, result.Cohorts.Select(c =>
        {
            var row = cells[c.CohortMonth].ToDictionary(x => x.MonthOffset);
            return Cells(Month(c.CohortMonth), Int(c.Customers)).Concat(Enumerable.Range(0, offsets).Select(o => row.TryGetValue(o, out var x) ? cell(x) : ""));
        }));
    }

    private static string WriteCsv(string folder, string name, string header, IEnumerable<IEnumerable<string>> rows)
    {
        var csv = new StringBuilder(header).Append('\n');
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row).Append('\n');
        }
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        return path;
    }

    private static IEnumerable<string> Bucket(string distribution, CustomerBucketRow b) =>
        Cells(distribution, Int(b.Bucket), Optional(b.Lower), Optional(b.Upper), Int(b.Customers), Money(b.Revenue), Share(b.CustomerShare), Share(b.RevenueShare));

    private static string[] Cells(params string[] cells) => cells;

    /// <summary>
    /// A number in plain decimal notation (never 7.4E-05, which some spreadsheets read as text), rounded, without
    /// trailing zeros, never "-0"; empty when not finite (NaN marks "not defined", e.g. order value without orders).
    /// </summary>
    private static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? (Math.Round(value, decimals) + 0.0).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture) : "";

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(double value) => Fixed(value, 2);

    private static string Share(double value) => Fixed(value, 6);

    private static string Optional(double? value) => value is { } v ? Fixed(v, 2) : "";

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
