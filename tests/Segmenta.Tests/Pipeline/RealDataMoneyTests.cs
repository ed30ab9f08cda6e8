using System.Globalization;
using System.Text.RegularExpressions;
using Segmenta.Store;

namespace Segmenta.Tests.Pipeline;

/// <summary>
/// Default cleaning and exact money on the shared UCI data. The counts were computed independently by
/// bench/reference/return_matching.py (pandas 1.5.3, Debian python3-pandas), which implements the rules of
/// docs/cleaning.md without Segmenta's code; its output is copied here.
/// </summary>
[Collection(DefaultRunCollection.Name)]
public partial class RealDataMoneyTests(DefaultRunFixture run)
{
    [Theory]
    [InlineData("missing_customer", 135_080)]
    [InlineData("adjustment", 0)]
    [InlineData("refund", 268)]
    [InlineData("non_product", 1_652)]
    [InlineData("return", 7_421)]
    [InlineData("return_beyond_purchases", 85)]
    [InlineData("unmatched_cancellation", 1_033)]
    [InlineData("zero_quantity", 0)]
    [InlineData("negative_price", 0)]
    [InlineData("extreme_quantity", 3)]
    [InlineData("duplicate", 5_187)]
    public void Lines_per_rule_match_the_pandas_reference(string rule, long lines) =>
        Assert.Equal(lines, run.Result.Cleaning.LinesRemovedByRule[rule]);

    [Fact]
    public void Kept_lines_customers_and_return_parts_match_the_pandas_reference()
    {
        Assert.Equal(391_180, run.Result.Cleaning.LinesKept);
        Assert.Equal(4_333, run.Result.Features.Customers);
        using var store = SegmentaStore.Open(run.Result.DatabasePath);
        Assert.Equal(7_611, store.Scalar<long>("SELECT count(*) FROM returns"));
    }

    [Fact]
    public void Money_reconciles_exactly_and_net_sales_is_the_sum_of_monetary()
    {
        var money = run.Result.Cleaning.Money;
        Assert.Equal(8_491_574.44m, money.SalesOfKeptLines);
        Assert.Equal(204_792.38m, money.Returns);
        Assert.Equal(117_083.28m, money.Refunds);
        Assert.Equal(8_711.76m, money.RefundsWithoutPurchase);
        Assert.Equal(8_169_698.78m, money.NetSales);
        Assert.Equal((double)money.NetSales, run.Result.Features.MonetarySum);
    }

    [Theory]
    [InlineData("12607", "0")]          // returned everything: exactly 0, not ±2.27e-13
    [InlineData("15098", "649.5")]      // the £38,970 purchase refunded by a manual line is no longer counted
    [InlineData("13798", "36544.22")]   // partial returns netted
    public void Known_customers_have_the_reference_net_monetary(string id, string monetary)
    {
        var fields = run.CustomersCsv.Single(line => line.StartsWith(id + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(monetary, fields[3]);
    }

    [Fact]
    public void The_same_lines_shuffled_give_byte_identical_csv_outputs()
    {
        var files = Directory.GetFiles(run.OutputDirectory, "*.csv", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(run.OutputDirectory, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("customers.csv", files);
        Assert.Contains("cleaning.csv", files);
        foreach (var file in files)
        {
            var original = File.ReadAllBytes(Path.Combine(run.OutputDirectory, file));
            var shuffled = File.ReadAllBytes(Path.Combine(run.ShuffledOutputDirectory, file));
            Assert.True(original.AsSpan().SequenceEqual(shuffled), $"{file} differs between the original and the shuffled lines");
        }
    }

    [Fact]
    public void No_csv_output_holds_nan_negative_zero_or_exponent_residue()
    {
        foreach (var file in Directory.GetFiles(run.OutputDirectory, "*.csv", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file))
            {
                Assert.False(Residue().IsMatch(line), $"{Path.GetFileName(file)}: {line}");
            }
        }
    }

    [Fact]
    public void Customers_csv_numbers_parse_and_undefined_values_are_empty_cells()
    {
        var header = run.CustomersCsv[0].Split(',');
        var trend = Array.IndexOf(header, "SpendTrend");
        var rows = run.CustomersCsv.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Contains(rows, r => r[trend].Length == 0);
        Assert.All(rows.Where(r => r[trend].Length > 0), r => double.Parse(r[trend], CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"(^|,)(-0(\.0+)?|nan|NaN|-?inf|-?Infinity|-?\d+(\.\d+)?[eE][-+]?\d+)(,|$)")]
    private static partial Regex Residue();
}
