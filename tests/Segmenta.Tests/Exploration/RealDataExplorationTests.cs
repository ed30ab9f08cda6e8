using Segmenta.Exploration;

namespace Segmenta.Tests.Exploration;

/// <summary>
/// Exploration of the shared data (classic preset) against golden numbers computed independently with pandas 1.5.3
/// (Debian python3-pandas) by bench/exploration/pandas_exploration.py; its output is in
/// bench/exploration/pandas_exploration.out.txt.
/// </summary>
public class RealDataExplorationTests(ClassicExplorationFixture run) : IClassFixture<ClassicExplorationFixture>
{
    // month, revenue, orders, customers, new customers (pandas_exploration.py, "# monthly").
    private static readonly (string Month, double Revenue, long Orders, long Customers, long New)[] PandasMonthly =
    [
        ("2010-12", 570422.730, 1400, 885, 885),
        ("2011-01", 568101.310, 987, 741, 417),
        ("2011-02", 446084.920, 997, 758, 380),
        ("2011-03", 594081.760, 1321, 974, 452),
        ("2011-04", 468374.331, 1149, 856, 300),
        ("2011-05", 677355.150, 1555, 1056, 284),
        ("2011-06", 660046.050, 1393, 991, 242),
        ("2011-07", 598962.901, 1331, 949, 188),
        ("2011-08", 644051.040, 1280, 935, 169),
        ("2011-09", 950690.202, 1755, 1266, 299),
        ("2011-10", 1035642.450, 1929, 1364, 358),
        ("2011-11", 1156205.610, 2657, 1664, 323),
        ("2011-12", 517190.440, 778, 615, 41),
    ];

    // Cohort sizes by month of first purchase (pandas_exploration.py, "# cohort sizes").
    private static readonly long[] PandasCohortSizes = [885, 417, 380, 452, 300, 284, 242, 188, 169, 299, 358, 323, 41];

    // Active customers of the December 2010 cohort at month offsets 0..12 (pandas_exploration.py, "# retention").
    private static readonly long[] PandasDecember2010Active = [885, 324, 286, 340, 321, 352, 321, 309, 313, 350, 331, 445, 235];

    // The 20 products bought by most distinct customers, in rank order (pandas_exploration.py, "# top 20 products by distinct customers").
    private static readonly (string StockCode, long Customers)[] PandasTopByCustomers =
    [
        ("22423", 881), ("85123A", 856), ("47566", 708), ("84879", 678), ("22720", 640), ("21212", 635), ("85099B", 635), ("22086", 613),
        ("22457", 587), ("22138", 581), ("22469", 573), ("22960", 573), ("23298", 573), ("22961", 537), ("20725", 532), ("23203", 505),
        ("22382", 490), ("22139", 488), ("22470", 485), ("21034", 480),
    ];

    [Fact]
    public void Monthly_revenue_orders_and_customers_match_pandas_for_every_month()
    {
        Assert.Equal(PandasMonthly.Length, run.Result.Monthly.Count);
        foreach (var (expected, actual) in PandasMonthly.Zip(run.Result.Monthly))
        {
            Assert.Equal(expected.Month, actual.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected.Revenue, actual.Revenue, 3);
            Assert.Equal(expected.Orders, actual.Orders);
            Assert.Equal(expected.Customers, actual.ActiveCustomers);
            Assert.Equal(expected.New, actual.NewCustomers);
            Assert.Equal(actual.ActiveCustomers - actual.NewCustomers, actual.ReturningCustomers);
        }
        Assert.Equal(8_887_208.894, run.Result.Monthly.Sum(m => m.Revenue), 3);
    }

    [Fact]
    public void Cohort_sizes_by_first_purchase_month_match_pandas()
    {
        Assert.Equal(PandasCohortSizes, run.Result.Cohorts.Select(c => c.Customers));
        Assert.Equal(new DateOnly(2010, 12, 1), run.Result.Cohorts[0].CohortMonth);
        Assert.Equal(4_338, run.Result.Cohorts.Sum(c => c.Customers));
    }

    [Fact]
    public void The_december_2010_cohort_retention_row_matches_pandas()
    {
        var row = run.Result.CohortRetention(new DateOnly(2010, 12, 1));

        Assert.Equal(PandasDecember2010Active, row.Select(c => c.ActiveCustomers));
        Assert.Equal(Enumerable.Range(0, 13), row.Select(c => c.MonthOffset));
        Assert.Equal(1.0, row[0].Retention);
        Assert.Equal(0.366102, row[1].Retention, 6);
        Assert.Equal(0.502825, row[11].Retention, 6);
        Assert.Equal(0.265537, row[12].Retention, 6);
    }

    [Fact]
    public void Pareto_and_one_time_buyers_match_pandas()
    {
        // pandas_exploration.py, "# pareto" and "one_time ... repeat ...".
        Assert.Equal(100, run.Result.Pareto.Count);
        Assert.Equal((44L, 0.320626), (run.Result.Pareto[0].TopCustomers, Math.Round(run.Result.Pareto[0].RevenueShare, 6)));
        Assert.Equal((434L, 0.614521), (run.Result.Pareto[9].TopCustomers, Math.Round(run.Result.Pareto[9].RevenueShare, 6)));
        Assert.Equal((868L, 0.746837), (run.Result.Pareto[19].TopCustomers, Math.Round(run.Result.Pareto[19].RevenueShare, 6)));
        Assert.Equal((2169L, 0.921925), (run.Result.Pareto[49].TopCustomers, Math.Round(run.Result.Pareto[49].RevenueShare, 6)));
        Assert.Equal(1.0, run.Result.Pareto[99].RevenueShare, 9);
        Assert.Equal(1_493, run.Result.Customers.OneTimeCustomers);
        Assert.Equal(2_845, run.Result.Customers.RepeatCustomers);
    }

    [Fact]
    public void Totals_agree_across_tables()
    {
        var r = run.Result;
        const double Revenue = 8_887_208.894;
        Assert.Equal(Revenue, r.Yearly.Sum(y => y.Revenue), 3);
        Assert.Equal(Revenue, r.WeekdayHour.Sum(c => c.Revenue), 3);
        Assert.Equal(168, r.WeekdayHour.Count);
        Assert.Equal(Revenue, r.Countries.Sum(c => c.Revenue), 3);
        Assert.Equal(Revenue, r.PriceBands.Sum(b => b.Revenue), 3);
        Assert.Equal(Revenue, r.OrdersPerCustomer.Sum(b => b.Revenue), 3);
        Assert.Equal(Revenue, r.SpendPerCustomer.Sum(b => b.Revenue), 3);
        Assert.Equal(Revenue, r.Cohorts.Sum(c => c.Revenue), 3);
        Assert.Equal(Revenue, r.CohortMonths.Sum(c => c.Revenue), 3);
        Assert.Equal(4_338, r.OrdersPerCustomer.Sum(b => b.Customers));
        Assert.Equal(4_338, r.SpendPerCustomer.Sum(b => b.Customers));
        Assert.Equal(r.Monthly.Sum(m => m.NewCustomers), r.Customers.Customers);
        Assert.Equal(392_692, r.DataQuality.Single(q => q.Name == "kept").Lines);
        Assert.Equal(541_909, r.DataQuality.Sum(q => q.Lines));
        // pandas_exploration.py, "top_country" and "best_month".
        Assert.Equal("United Kingdom", r.Countries[0].Country);
        Assert.Equal(7_285_024.644, r.Countries[0].Revenue, 3);
        Assert.Equal(new DateOnly(2011, 11, 1), r.BestMonth!.Month);
    }

    [Fact]
    public void Product_lists_hold_the_requested_number_in_rank_order_and_returns_come_from_cancellations()
    {
        var r = run.Result;
        foreach (var ranking in Enum.GetValues<ProductRanking>())
        {
            var list = r.TopProducts.Where(p => p.Ranking == ranking).ToList();
            Assert.Equal(20, list.Count);
            Assert.Equal(Enumerable.Range(1, 20), list.Select(p => p.Rank));
        }
        var byQuantity = r.TopProducts.Where(p => p.Ranking == ProductRanking.Quantity).Select(p => p.Quantity).ToList();
        Assert.Equal(byQuantity.OrderDescending(), byQuantity);
        // pandas_exploration.py, "# top products by units sold" and "by units returned": the 80,995-unit order of
        // PAPER CRAFT , LITTLE BIRDIE was cancelled minutes later, so it heads both lists.
        Assert.Equal([("23843", 80_995.0), ("23166", 77_916.0), ("84077", 54_319.0)],
            r.TopProducts.Where(p => p.Ranking == ProductRanking.Quantity).Take(3).Select(p => (p.StockCode, (double)p.Quantity)));
        Assert.Equal([("23843", 80_995.0), ("23166", 74_494.0), ("84347", 9_367.0)],
            r.TopProducts.Where(p => p.Ranking == ProductRanking.Returns).Take(3).Select(p => (p.StockCode, (double)p.ReturnedQuantity)));
        // Customers are counted by hash in the engine; pandas' exact nunique agrees for the whole list.
        Assert.Equal(PandasTopByCustomers, r.TopProducts.Where(p => p.Ranking == ProductRanking.Customers).Select(p => (p.StockCode, p.Customers)));
        // pandas_exploration.py, "products ... top10pct_revenue_share".
        Assert.Equal(3_665, r.Products.Products);
        Assert.Equal(367, r.Products.Top10PercentProducts);
        Assert.Equal(0.614285, r.Products.Top10PercentRevenueShare, 6);
    }

    [Fact]
    public void Unit_price_quantiles_from_lines_per_price_equal_pandas_linear_quantiles_over_the_lines()
    {
        // pandas_exploration.py, "unit_price p05 p25 p50 p75 p95 mean max": Series.quantile (linear interpolation) over the kept lines.
        var p = run.Result.Products;

        Assert.Equal([0.42, 1.25, 1.95, 3.75, 8.5], new[] { p.UnitPriceP05, p.UnitPriceP25, p.UnitPriceMedian, p.UnitPriceP75, p.UnitPriceP95 }.Select(v => Math.Round(v, 4)));
        Assert.Equal(3.1259, p.MeanUnitPrice, 4);
        Assert.Equal(8_142.75, p.UnitPriceMax, 4);
    }

    [Fact]
    public void The_csv_files_write_plain_decimals_that_spreadsheets_read_as_numbers()
    {
        // pandas_exploration.py: "monthly.csv extras of 2010-12" (407.44, 222.177, 25670), "non_positive_price 40 ... share
        // 0.000074" and the retention of the 2010-12 cohort (0.366102, 0.323164).
        var folder = Path.Combine(run.OutputDirectory, "exploration");

        Assert.Equal("2010-12,570422.73,1400,885,885,0,407.44,222.177,25670", File.ReadAllLines(Path.Combine(folder, "monthly.csv"))[1]);
        Assert.EndsWith(",40,0,0.000074", File.ReadAllLines(Path.Combine(folder, "data-quality.csv")).Single(l => l.Contains("non_positive_price", StringComparison.Ordinal)));
        Assert.StartsWith("2010-12,885,1,0.366102,0.323164,", File.ReadAllLines(Path.Combine(folder, "cohorts-retention.csv"))[1]);
        Assert.DoesNotContain(Directory.GetFiles(folder, "*.csv").SelectMany(File.ReadAllLines), l => l.Contains("E-", StringComparison.Ordinal));
    }
}
