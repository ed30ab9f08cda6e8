namespace Segmenta.Tests.Generating;

/// <summary>
/// The analysis of a generated shop finds exactly what the generator's ground truth says. The truth is counted by
/// the generator from the lines it wrote, by a reading of docs/cleaning.md that shares no code with Cleaning/
/// (running unit counts per customer and product instead of the ReturnMatcher's allocation).
/// </summary>
[Collection(GeneratedShopCollection.Name)]
public class GroundTruthTests(GeneratedShopFixture shop)
{
    [Fact]
    public void Every_line_written_is_loaded_and_none_is_quarantined()
    {
        Assert.Equal(50_000, shop.Truth.Lines);
        Assert.Equal(50_000, shop.Default.Cleaning.LinesLoaded);
        Assert.Equal(0, shop.Default.Cleaning.LinesQuarantined);
    }

    [Fact]
    public void Default_cleaning_claims_the_lines_and_revenue_of_the_ground_truth_rule_by_rule()
    {
        var found = shop.Default.Cleaning.Rows.Select(r => (r.Rule, r.Lines, r.Revenue)).ToList();
        var expected = shop.Truth.Default.Select(r => (r.Rule, r.Lines, (decimal?)r.Revenue)).ToList();
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Every_rule_of_the_default_preset_has_lines_in_the_generated_shop()
    {
        // A rule the generator never triggers would make the comparison above weaker than it looks.
        var empty = shop.Truth.Default.Where(r => r.Lines == 0).Select(r => r.Rule).ToList();
        Assert.True(empty.Count <= 1 && empty.All(r => r == "adjustment"), "rules without lines: " + string.Join(", ", empty));
    }

    [Fact]
    public void Classic_cleaning_claims_the_lines_and_revenue_of_the_ground_truth_rule_by_rule()
    {
        var found = shop.Classic.Cleaning.Rows.Select(r => (r.Rule, r.Lines, r.Revenue)).ToList();
        var expected = shop.Truth.Classic.Select(r => (r.Rule, r.Lines, (decimal?)r.Revenue)).ToList();
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Customers_are_those_of_the_ground_truth_for_both_presets()
    {
        Assert.Equal(shop.Truth.Customers, shop.Default.Features.Customers);
        Assert.Equal(shop.Truth.ClassicCustomers, shop.Classic.Features.Customers);
        Assert.InRange(shop.Truth.Customers, 300, 700);
    }

    [Fact]
    public void Money_reconciles_to_the_ground_truth_to_the_cent()
    {
        var money = shop.Default.Cleaning.Money;
        var truth = shop.Truth.Money;
        Assert.Equal(truth.SalesOfKeptLines, money.SalesOfKeptLines);
        Assert.Equal(truth.Returns, money.Returns);
        Assert.Equal(truth.Refunds, money.Refunds);
        Assert.Equal(truth.RefundsWithoutPurchase, money.RefundsWithoutPurchase);
        Assert.Equal(truth.RefundLinesWithoutPurchase, money.RefundLinesWithoutPurchase);
        Assert.Equal(truth.FreeOnlyCustomers, money.FreeOnlyCustomers);
        Assert.Equal(truth.NetSales, money.NetSales);
        Assert.Equal((double)truth.NetSales, shop.Default.Features.MonetarySum, 6);
    }

    [Fact]
    public void The_truth_file_beside_the_data_says_what_the_generator_returned()
    {
        Assert.Equal(shop.Truth.Default, shop.TruthFile.Default);
        Assert.Equal(shop.Truth.Classic, shop.TruthFile.Classic);
        Assert.Equal(shop.Truth.Money, shop.TruthFile.Money);
        Assert.Equal(shop.Truth.Customers, shop.TruthFile.Customers);
    }

    [Fact]
    public void Orders_peak_before_christmas()
    {
        var monthly = shop.Default.Exploration!.Monthly;
        var november = monthly.Where(m => m.Month.Month == 11).Average(m => (double)m.Orders);
        var february = monthly.Where(m => m.Month.Month == 2).Average(m => (double)m.Orders);
        Assert.True(november > 1.5 * february, $"November {november} orders vs February {february}");
    }
}
