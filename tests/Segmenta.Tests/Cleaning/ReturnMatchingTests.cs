using Segmenta.Cleaning;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cleaning;

/// <summary>Hand-made shops, one per rule of return matching, refunds, duplicates and free purchases.</summary>
public class ReturnMatchingTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    private static List<(long Line, long Purchase, decimal Units, decimal Value)> Parts(StoreFixture fixture) => fixture.Query(
        "SELECT line_number, purchase_line_number, quantity, value FROM returns ORDER BY line_number, purchase_line_number",
        r => (r.GetInt64(0), r.GetInt64(1), r.GetDecimal(2), r.GetDecimal(3)));

    private static string Rule(StoreFixture fixture, long line) =>
        fixture.Scalar<string>($"SELECT coalesce(rule, 'kept') FROM lines_with_outcome WHERE line_number = {line}")!;

    [Fact]
    public void A_cancellation_larger_than_one_purchase_consumes_two_earlier_purchases_most_recent_first()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,4,2011-01-01 10:00,2.00,10,UK\n"     // line 2
            + "2,A,Heart,3,2011-01-05 10:00,2.00,10,UK\n"     // line 3
            + "C3,A,Heart,-5,2011-01-09 10:00,2.00,10,UK\n"); // line 4: 3 of line 3, then 2 of line 2

        var report = fixture.Clean();

        Assert.Equal(1, report.LinesRemovedByRule["return"]);
        Assert.Equal([(4L, 2L, 2m, 4m), (4L, 3L, 3m, 6m)], Parts(fixture));
        Assert.Equal(10m, report.Money.Returns);
        Assert.Equal(4m, report.Money.NetSales); // 14 bought - 10 returned
    }

    [Fact]
    public void A_purchase_can_be_returned_in_two_parts()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,160,2011-01-01 10:00,1.00,10,UK\n"
            + "C2,A,Heart,-1,2011-01-02 10:00,1.00,10,UK\n"
            + "C3,A,Heart,-2,2011-01-03 10:00,1.00,10,UK\n");

        var report = fixture.Clean();

        Assert.Equal(2, report.LinesRemovedByRule["return"]);
        Assert.Equal(0, report.LinesRemovedByRule["unmatched_cancellation"]);
        Assert.Equal([(3L, 2L, 1m, 1m), (4L, 2L, 2m, 2m)], Parts(fixture));
        Assert.Equal(157m, report.Money.NetSales);
    }

    [Fact]
    public void The_same_price_is_preferred_over_the_more_recent_purchase()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,2,2011-01-01 10:00,2.50,10,UK\n"     // line 2: same price as the cancellation
            + "2,A,Heart,2,2011-01-05 10:00,2.10,10,UK\n"     // line 3: more recent, other price
            + "C3,A,Heart,-2,2011-01-09 10:00,2.50,10,UK\n"); // line 4

        fixture.Clean();

        Assert.Equal([(4L, 2L, 2m, 5m)], Parts(fixture));
    }

    [Fact]
    public void Among_equal_prices_the_most_recent_earlier_purchase_is_taken_and_later_ones_never()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,2,2011-01-01 10:00,2.00,10,UK\n"     // line 2
            + "2,A,Heart,2,2011-01-05 10:00,2.00,10,UK\n"     // line 3: most recent before the cancellation
            + "C3,A,Heart,-2,2011-01-06 10:00,2.00,10,UK\n"   // line 4
            + "4,A,Heart,2,2011-01-07 10:00,2.00,10,UK\n");   // line 5: after it

        fixture.Clean();

        Assert.Equal([(4L, 3L, 2m, 4m)], Parts(fixture));
    }

    [Fact]
    public void The_remainder_of_a_cancellation_says_whether_there_was_no_purchase_or_too_small_a_one()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,2,2011-01-01 10:00,2.00,10,UK\n"
            + "C2,A,Heart,-5,2011-01-02 10:00,2.00,10,UK\n"   // line 3: 2 match, 3 beyond
            + "C3,20685,Bowl,-1,2011-01-02 10:00,4.00,10,UK\n"    // line 4: never bought in the data
            + "5,20685,Bowl,1,2011-01-03 10:00,4.00,10,UK\n");    // bought only after the cancellation

        var report = fixture.Clean();

        Assert.Equal("return_beyond_purchases", Rule(fixture, 3));
        Assert.Equal("unmatched_cancellation", Rule(fixture, 4));
        Assert.Equal([(3L, 2L, 2m, 4m)], Parts(fixture));
        Assert.Equal(4m, report.Money.Returns);
    }

    [Fact]
    public void Returns_are_matched_before_duplicates_so_two_equal_cancellations_are_both_returns()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,4,2011-01-01 10:00,2.00,10,UK\n"
            + "C2,A,Heart,-1,2011-01-02 10:00,2.00,10,UK\n"
            + "C2,A,Heart,-1,2011-01-02 10:00,2.00,10,UK\n"
            + "3,20685,Bowl,1,2011-01-03 10:00,4.00,10,UK\n"
            + "3,20685,Bowl,1,2011-01-03 10:00,4.00,10,UK\n");

        var report = fixture.Clean();

        var rules = CleaningRules.For(CleaningPreset.Default).Select(r => r.Rule).ToList();
        Assert.True(rules.IndexOf("return") < rules.IndexOf("duplicate"));
        Assert.Equal(2, report.LinesRemovedByRule["return"]);
        Assert.Equal(1, report.LinesRemovedByRule["duplicate"]); // the second Bowl line of invoice 3
        Assert.Equal(8m + 4m - 2 * 2m, report.Money.NetSales);
    }

    [Fact]
    public void A_credit_note_reduces_the_customers_net_sales_under_its_own_rule()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,22502,Picnic basket,60,2011-05-01 10:00,649.50,15098,UK\n"
            + "C2,M,Manual,-1,2011-05-02 10:00,38970.00,15098,UK\n"
            + "3,22502,Picnic basket,1,2011-05-03 10:00,649.50,15098,UK\n"
            + "C4,POST,Postage,-1,2011-05-03 10:00,40.00,15098,UK\n"  // a cancelled charge: not a refund
            + "C5,M,Manual,-1,2011-05-04 10:00,10.00,20000,UK\n");    // customer without purchases

        var report = fixture.Clean();
        fixture.Features(new DateOnly(2011, 6, 1));

        Assert.Equal(2, report.LinesRemovedByRule["refund"]);
        Assert.Equal(1, report.LinesRemovedByRule["non_product"]);
        Assert.Equal(38970m, report.Money.Refunds);
        Assert.Equal((10m, 1L), (report.Money.RefundsWithoutPurchase, report.Money.RefundLinesWithoutPurchase));
        Assert.Equal(649.5, fixture.Scalar<double>("SELECT monetary FROM customers WHERE customer_id = '15098'"));
        Assert.Equal(38970.0, fixture.Scalar<double>("SELECT refunds_value FROM customers WHERE customer_id = '15098'"));
        Assert.Equal("sales of kept lines 39,619.50 − returns 0.00 − refunds 38,970.00 = net sales 649.50", report.Money.Reconciliation());
    }

    [Fact]
    public void Without_an_invoice_column_equal_lines_are_kept_unless_asked_and_the_report_says_why()
    {
        using var fixture = new StoreFixture();
        fixture.Import("customer,date,units,total\n7,1997-01-01,1,10\n7,1997-01-01,1,10\n8,1997-01-02,1,10\n");

        var kept = fixture.Clean();
        var removed = Cleaner.Run(fixture.Store, new CleaningOptions { Duplicates = DuplicatePolicy.Remove });

        Assert.Equal((3L, 0L), (kept.LinesKept, kept.LinesRemovedByRule["duplicate"]));
        Assert.Contains("no invoice number", kept.DuplicateEvidence);
        Assert.Contains("no invoice number", kept.Rows.Single(r => r.Rule == "duplicate").Description);
        Assert.Equal((2L, 1L), (removed.LinesKept, removed.LinesRemovedByRule["duplicate"]));
    }

    [Fact]
    public void With_an_invoice_column_a_copy_within_an_invoice_is_removed_as_a_double_export()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header + "1,A,Heart,1,2011-01-01 10:00,2.00,10,UK\n1,A,Heart,1,2011-01-01 10:00,2.00,10,UK\n");

        var report = fixture.Clean();

        Assert.Equal(1, report.LinesRemovedByRule["duplicate"]);
        Assert.Contains("invoice number", report.DuplicateEvidence);
    }

    [Fact]
    public void A_customer_whose_purchases_are_all_free_is_kept_with_monetary_zero_and_counted()
    {
        using var fixture = new StoreFixture();
        fixture.Import("customer,date,units,total\n7,1997-01-01,1,0\n7,1997-02-01,2,0\n8,1997-01-02,1,10\n");

        var report = fixture.Clean();
        var summary = fixture.Features(new DateOnly(1997, 3, 1));

        Assert.Equal(2, summary.Customers);
        Assert.Equal(1, report.Money.FreeOnlyCustomers);
        Assert.Equal(0.0, fixture.Scalar<double>("SELECT monetary FROM customers WHERE customer_id = '7'"));
        Assert.Equal(2, fixture.Scalar<long>("SELECT frequency FROM customers WHERE customer_id = '7'"));
    }

    [Fact]
    public void Net_sales_of_the_reconciliation_is_the_sum_of_monetary()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,3,2011-01-01 10:00,0.10,10,UK\n"
            + "2,20685,Bowl,7,2011-01-02 10:00,0.70,11,UK\n"
            + "C3,A,Heart,-1,2011-01-03 10:00,0.10,10,UK\n"
            + "C4,D,Discount,-1,2011-01-03 10:00,0.20,11,UK\n");

        var report = fixture.Clean();
        var summary = fixture.Features();

        Assert.Equal((double)report.Money.NetSales, summary.MonetarySum);
        Assert.Equal(0.3m + 4.9m - 0.1m - 0.2m, report.Money.NetSales);
    }

    [Fact]
    public void A_cancellation_loaded_again_from_another_file_is_a_duplicate_and_takes_no_purchase()
    {
        using var fixture = new StoreFixture();
        const string purchases = Header + "1,A,Heart,3,2011-01-03 10:00,0.10,10,UK\n2,A,Heart,7,2011-01-20 11:00,0.70,10,UK\n";
        const string cancellations = Header + "C3,A,Heart,-3,2011-01-21 09:00,0.10,10,UK\nC4,A,Heart,-7,2011-01-22 09:00,0.70,10,UK\n";
        fixture.Import(purchases, name: "purchases.csv");
        fixture.Import(cancellations, name: "returns.csv");
        fixture.Import(cancellations + "5,A,Heart,1,2011-02-01 10:00,0.10,11,UK\n", name: "returns-again.csv"); // overlapping export

        var report = fixture.Clean();

        Assert.Equal(2, report.LinesRemovedByRule["return"]);
        Assert.Equal(2, report.LinesRemovedByRule["duplicate"]);    // the re-imported copies
        Assert.Equal(5.2m, report.Money.Returns);                   // 0.3 + 4.9: purchases are not taken twice
    }
}
