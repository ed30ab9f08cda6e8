using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Exploration;

/// <summary>The definitions (new vs returning, month offsets, retention, Pareto) on a few hand-checked lines.</summary>
public sealed class ExplorerTests : IDisposable
{
    private const string Lines = """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        1,A,Apple,2,2011-01-03 10:00,5.00,1,UK
        1,B,=Bear,1,2011-01-03 10:00,20.00,1,UK
        2,A,Apple,1,2011-01-20 11:00,5.00,1,UK
        3,A,Apple,4,2011-03-05 09:00,5.00,1,UK
        4,B,=Bear,1,2011-02-10 12:00,20.00,2,France
        5,A,Apple,2,2011-03-15 14:00,5.00,2,France
        C6,A,Apple,-1,2011-03-16 14:00,5.00,2,France
        7,B,=Bear,3,2011-03-20 15:00,20.00,3,UK
        8,A,Apple,1,2011-05-02 16:00,5.00,4,Germany

        """;

    // Customer 1 buys in January (two orders) and March; 2 in February and March (and cancels one unit);
    // 3 only in March; 4 only in May. Nobody buys in April.
    private readonly StoreFixture _store = new();
    private readonly TempDirectory _output = new();

    public ExplorerTests()
    {
        _store.Import(Lines);
        _store.Clean(CleaningPreset.Classic);
    }

    private ExplorationResult Explore() => Explorer.Run(_store.Store, new ExplorationOptions());

    [Fact]
    public void A_month_counts_first_time_buyers_as_new_and_earlier_buyers_as_returning()
    {
        var monthly = Explore().Monthly;

        Assert.Equal(
            [(1, 1L, 1L, 0L, 2L, 35.0), (2, 1, 1, 0, 1, 20.0), (3, 3, 1, 2, 3, 90.0), (4, 0, 0, 0, 0, 0.0), (5, 1, 1, 0, 1, 5.0)],
            monthly.Select(m => (m.Month.Month, m.ActiveCustomers, m.NewCustomers, m.ReturningCustomers, m.Orders, m.Revenue)));
        Assert.Equal(17.5, monthly[0].AverageOrderValue);
        Assert.Equal(2.0, monthly[0].ItemsPerOrder);            // (2 + 1 + 1) units over 2 orders
        Assert.True(double.IsNaN(monthly[3].AverageOrderValue)); // April: no orders
    }

    [Fact]
    public void Retention_is_the_share_of_the_cohort_active_at_each_month_offset_until_the_data_ends()
    {
        var result = Explore();

        Assert.Equal([(1, 1L, 5), (2, 1, 4), (3, 1, 3), (5, 1, 1)], result.Cohorts.Select(c => (c.CohortMonth.Month, c.Customers, c.MonthsObserved)));
        var january = result.CohortRetention(new DateOnly(2011, 1, 1));
        Assert.Equal([1.0, 0, 1, 0, 0], january.Select(c => c.Retention));
        Assert.Equal([35.0, 35, 55, 55, 55], january.Select(c => c.CumulativeRevenuePerCustomer));
        Assert.Equal([1.0, 1, 0, 0], result.CohortRetention(new DateOnly(2011, 2, 1)).Select(c => c.Retention));
        Assert.Equal(new DateOnly(2011, 3, 1), result.CohortRetention(new DateOnly(2011, 2, 1))[1].Month);

        // Offset 1 is observed for the January, February and March cohorts: retention 0, 1, 0.
        var offset1 = result.RetentionCurve.Single(p => p.MonthOffset == 1);
        Assert.Equal((3L, 1.0 / 3), (offset1.Cohorts, offset1.MeanRetention));
        Assert.Equal(1.0 / 3, offset1.WeightedRetention);
        Assert.Equal(5, result.RetentionCurve.Count); // offsets 0..4: the January cohort is seen for five months
    }

    [Fact]
    public void Customer_distributions_and_the_pareto_curve_follow_spend_and_orders()
    {
        var result = Explore();

        Assert.Equal((4L, 2L, 2L), (result.Customers.Customers, result.Customers.OneTimeCustomers, result.Customers.RepeatCustomers));
        Assert.Equal([2L, 1, 1, 0], result.OrdersPerCustomer.Take(4).Select(b => b.Customers));
        Assert.Equal((1L, 0.4), (result.Pareto[24].TopCustomers, result.Pareto[24].RevenueShare)); // customer 3: 60 of 150
        Assert.Equal(115.0 / 150, result.Pareto[49].RevenueShare, 12);                          // 3 and 1: 60 + 55
        Assert.Equal(1.0, result.Pareto[99].RevenueShare, 12);
    }

    [Fact]
    public void Returns_come_from_cancelled_lines_and_countries_share_the_revenue()
    {
        var result = Explore();

        var returned = Assert.Single(result.TopProducts, p => p.Ranking == ProductRanking.Returns);
        Assert.Equal(("A", 1.0, 5.0), (returned.StockCode, returned.ReturnedQuantity, returned.ReturnedValue));
        var top = result.TopProducts.First(p => p.Ranking == ProductRanking.Revenue);
        Assert.Equal(("B", "=Bear", 100.0, 3L), (top.StockCode, top.Description, top.Revenue, top.Customers));
        Assert.Equal(["UK", "France", "Germany"], result.Countries.Select(c => c.Country));
        Assert.Equal(115.0 / 150, result.Countries[0].RevenueShare, 12);
        Assert.Equal(1, result.DataQuality.Single(q => q.Name == "cancelled_invoice").Lines);
    }

    [Fact]
    public void Under_the_default_preset_the_partial_return_is_matched_and_ranked_among_returned_products()
    {
        _store.Clean(CleaningPreset.Default);

        var result = Explore();

        var returned = Assert.Single(result.TopProducts, p => p.Ranking == ProductRanking.Returns);
        Assert.Equal(("A", 1.0), (returned.StockCode, returned.ReturnedQuantity));
        Assert.Equal(1, result.DataQuality.Single(q => q.Name == "return").Lines); // -1 of a purchase of 2: a partial return
        Assert.Equal(0, result.DataQuality.Single(q => q.Name == "unmatched_cancellation").Lines);
        Assert.Equal(50.0, result.Monthly.Sum(m => m.Revenue)); // stock code B means "bad debt" to the default preset: not a product
    }

    [Fact]
    public void Load_reads_back_what_run_stored()
    {
        var result = Explore();

        var loaded = Explorer.Load(_store.Store);

        Assert.Equal(result.Monthly, loaded.Monthly);
        Assert.Equal(result.CohortMonths, loaded.CohortMonths);
        Assert.Equal(result.Customers, loaded.Customers);
    }

    [Fact]
    public void The_csv_files_hold_the_tables_with_spreadsheet_safe_text_and_cohort_matrices_one_row_per_cohort()
    {
        var files = ExplorationOutputs.Write(Explore(), _output.Path);

        var folder = Path.Combine(_output.Path, "exploration");
        Assert.All(files, f => Assert.Equal(folder, Path.GetDirectoryName(f)));
        Assert.Equal(
            ["Month,Revenue,Orders,ActiveCustomers,NewCustomers,ReturningCustomers,AverageOrderValue,ItemsPerOrder,Lines",
             "2011-01,35,2,1,1,0,17.5,2,3", "2011-02,20,1,1,1,0,20,1,1", "2011-03,90,3,3,1,2,30,3,3", "2011-04,0,0,0,0,0,,,0", "2011-05,5,1,1,1,0,5,1,1"],
            File.ReadAllLines(Path.Combine(folder, "monthly.csv")));
        Assert.Equal(
            ["CohortMonth,Customers,M0,M1,M2,M3,M4", "2011-01,1,1,0,1,0,0", "2011-02,1,1,1,0,0,", "2011-03,1,1,0,0,,", "2011-05,1,1,,,,"],
            File.ReadAllLines(Path.Combine(folder, "cohorts-retention.csv")));
        Assert.Contains(",'=Bear,", File.ReadAllText(Path.Combine(folder, "products.csv")));
        foreach (var name in new[] { "yearly", "weekday-hour", "products-summary", "price-bands", "countries", "customers-summary", "customers-distribution",
                     "pareto", "cohorts", "cohorts-revenue", "cohorts-cumulative-revenue", "retention-curve", "data-quality" })
        {
            Assert.True(File.Exists(Path.Combine(folder, name + ".csv")), name);
        }
        Assert.Equal(169, File.ReadAllLines(Path.Combine(folder, "weekday-hour.csv")).Length);
    }

    [Fact]
    public void Options_out_of_range_and_a_store_without_cleaned_lines_are_explained()
    {
        var options = new ExplorationOptions { TopProducts = 0 };
        Assert.Contains("TopProducts is 0", Assert.Throws<SegmentaException>(() => Explorer.Run(_store.Store, options)).Message);

        using var empty = new StoreFixture();
        Assert.Contains("clean it before exploring", Assert.Throws<SegmentaException>(() => Explorer.Run(empty.Store, new ExplorationOptions())).Message);
        Assert.Contains("run segmenta explore", Assert.Throws<SegmentaException>(() => Explorer.Load(empty.Store)).Message);
    }

    public void Dispose()
    {
        _store.Dispose();
        _output.Dispose();
    }
}
