using Segmenta.Cleaning;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cleaning;

public class CleanerTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    private const string Lines = Header
        + "1,85123A,Heart,6,2011-01-01 10:00,2.00,10,UK\n"     // kept
        + "1,85123A,Heart,6,2011-01-01 10:00,2.00,10,UK\n"     // exact duplicate
        + "2,22633,Lamp,3,2011-01-02 10:00,5.00,,UK\n"        // no customer
        + "3,POST,Postage,1,2011-01-02 10:00,18.00,10,UK\n" // non-product (default preset)
        + "4,21000,Free gift,1,2011-01-03 10:00,0,10,UK\n"    // free item: kept (default), zero price (classic)
        + "5,37446,Mug,2,2011-01-04 10:00,3.00,10,UK\n"       // kept, later returned
        + "C6,37446,Mug,-2,2011-01-05 10:00,3.00,10,UK\n"     // return matching line 5
        + "C7,20685,Bowl,-1,2011-01-05 10:00,4.00,10,UK\n"    // cancellation of a purchase before the data
        + "8,23843,Glue,20000,2011-01-06 10:00,0.10,11,UK\n"  // extreme quantity (default preset)
        + "A9,ADJ,Adjust bad debt,1,2011-01-06 10:00,-5.00,12,UK\n"; // adjustment

    [Fact]
    public void Classic_preset_drops_missing_customers_cancellations_non_positive_lines_and_duplicates()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Lines);

        var report = fixture.Clean(CleaningPreset.Classic);

        Assert.Equal(10, report.LinesLoaded);
        Assert.Equal(1, report.LinesRemovedByRule["missing_customer"]);
        Assert.Equal(2, report.LinesRemovedByRule["cancelled_invoice"]);
        Assert.Equal(2, report.LinesRemovedByRule["non_positive_price"]);
        Assert.Equal(1, report.LinesRemovedByRule["duplicate"]);
        Assert.Equal(4, report.LinesKept);
    }

    [Fact]
    public void Default_preset_matches_returns_to_purchases_and_removes_non_products_and_extremes()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Lines);

        var report = fixture.Clean(CleaningPreset.Default);

        Assert.Equal(1, report.LinesRemovedByRule["non_product"]);
        Assert.Equal(1, report.LinesRemovedByRule["return"]);
        Assert.Equal(1, report.LinesRemovedByRule["unmatched_cancellation"]);
        Assert.Equal(1, report.LinesRemovedByRule["extreme_quantity"]);
        Assert.Equal(1, report.LinesRemovedByRule["adjustment"]);
        Assert.Equal(0, report.LinesRemovedByRule["negative_price"]);
        Assert.Equal(3, report.LinesKept);
        var matched = fixture.Query("SELECT invoice_date, value, purchase_line_number FROM returns", r => (r.GetDateTime(0), r.GetDecimal(1), r.GetInt64(2)));
        Assert.Equal([(new DateTime(2011, 1, 5, 10, 0, 0), 6m, 7L)], matched);
    }

    [Fact]
    public void Every_loaded_line_has_exactly_one_outcome()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Lines);
        foreach (var preset in new[] { CleaningPreset.Classic, CleaningPreset.Default })
        {
            var report = fixture.Clean(preset);
            Assert.Equal(fixture.Scalar<long>("SELECT count(*) FROM raw_lines"), report.Rows.Sum(r => r.Lines));
            Assert.Equal(report.LinesKept, fixture.Scalar<long>("SELECT count(*) FROM clean_lines"));
        }
    }

    [Fact]
    public void A_purchase_is_not_returned_twice()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,85123A,Heart,2,2011-01-01 10:00,2.00,10,UK\n"
            + "C2,85123A,Heart,-2,2011-01-02 10:00,2.00,10,UK\n"
            + "C3,85123A,Heart,-2,2011-01-03 10:00,2.00,10,UK\n");

        var report = fixture.Clean();

        Assert.Equal(1, report.LinesRemovedByRule["return"]);
        Assert.Equal(1, report.LinesRemovedByRule["return_beyond_purchases"]);
        Assert.Equal(0, report.LinesRemovedByRule["unmatched_cancellation"]);
    }
    [Fact]
    public void Only_lines_with_a_customer_that_a_rule_removes_are_stored_and_the_views_give_every_line_its_outcome()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Lines);

        var report = fixture.Clean(CleaningPreset.Default);

        var removedWithCustomer = report.Rows.Where(r => r.Rule is not ("kept" or "missing_customer")).Sum(r => r.Lines);
        Assert.Equal(removedWithCustomer, fixture.Scalar<long>("SELECT count(*) FROM removed_lines"));
        Assert.Equal(0, fixture.Scalar<long>("SELECT count(*) FROM removed_lines r JOIN raw_lines l USING (import_id, line_number) WHERE l.customer_id IS NULL"));
        Assert.Equal(10, fixture.Scalar<long>("SELECT count(*) FROM line_outcomes"));
        Assert.Equal(1, fixture.Scalar<long>("SELECT count(*) FROM lines_with_outcome WHERE invoice = '1' AND rule = 'duplicate'"));
        Assert.Equal("missing_customer", fixture.Scalar<string>("SELECT rule FROM lines_with_outcome WHERE invoice = '2'"));
        Assert.Equal(report.LinesKept, fixture.Scalar<long>("SELECT count(*) FROM line_outcomes WHERE rule IS NULL"));
    }

    [Fact]
    public void A_store_whose_outcomes_are_a_table_is_cleaned_again_into_the_view()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Lines);
        fixture.Clean(CleaningPreset.Default);
        // What a store cleaned before session 13 holds: every line's outcome as a table.
        fixture.Store.Execute("DROP VIEW line_outcomes; CREATE TABLE line_outcomes AS SELECT import_id, line_number, 'x' AS rule FROM raw_lines");

        var report = fixture.Clean(CleaningPreset.Default);

        Assert.Equal(3, report.LinesKept);
        Assert.Equal("VIEW", fixture.Scalar<string>("SELECT table_type FROM information_schema.tables WHERE table_name = 'line_outcomes'"));
    }

    [Fact]
    public void The_same_lines_in_another_order_get_the_same_outcomes()
    {
        var body = Lines[Header.Length..].TrimEnd('\n').Split('\n');
        using var forward = new StoreFixture();
        forward.Import(Lines);
        using var backward = new StoreFixture();
        backward.Import(Header + string.Join('\n', body.Reverse()) + "\n");

        var a = forward.Clean(CleaningPreset.Default);
        var b = backward.Clean(CleaningPreset.Default);

        Assert.Equal(a.Rows.Select(r => (r.Rule, r.Lines, r.Revenue)), b.Rows.Select(r => (r.Rule, r.Lines, r.Revenue)));
        var outcomes = "SELECT string_agg(coalesce(rule, 'kept') || ':' || invoice || ':' || coalesce(customer_id, ''), ',' ORDER BY invoice, coalesce(rule, 'kept')) FROM lines_with_outcome";
        Assert.Equal(forward.Scalar<string>(outcomes), backward.Scalar<string>(outcomes));
    }

    [Fact]
    public void Refunds_and_matched_cancellations_carry_the_columns_of_their_loaded_lines()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,37446,Mug,2,2011-01-04 10:00,3.00,10,UK\n"
            + "C2,37446,Mug with a long description,-2,2011-01-05 11:30,3.00,10,UK\n"   // return of line 2
            + "C3,M,Manual credit note,-1,2011-01-06 12:00,25.50,10,UK\n"               // refund
            + "C3,M,Manual credit note,-1,2011-01-06 12:00,25.50,10,UK\n"               // a second, equal refund line
            + "4,22633,Lamp,1,2011-01-07 10:00,5.00,11,France\n"
            + ",M,Manual,-1,2011-01-08 09:15,7.25,11,France\n");                        // refund without an invoice
        fixture.Clean();

        // The refunds table against the loaded lines the views give the refund outcome (a path that does not read line_rules).
        var refunds = fixture.Query(
            "SELECT line_number, customer_id, order_id, stock_code, description, invoice_date, value FROM refunds",
            r => (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetDateTime(5), r.GetDecimal(6)));
        var loaded = fixture.Query(
            "SELECT line_number, customer_id, order_id, stock_code, description, invoice_date, -amount FROM lines_with_outcome WHERE rule = 'refund' ORDER BY line_number",
            r => (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetDateTime(5), r.GetDecimal(6)));
        Assert.Equal(3, refunds.Count);
        Assert.Equal(loaded, refunds);
        Assert.Equal((7L, "11@2011-01-08", 7.25m), (refunds[2].Item1, refunds[2].Item3, refunds[2].Item7));
        // The matched return keeps its cancellation's invoice, description, date and value.
        Assert.Equal([(3L, "C2", "Mug with a long description", new DateTime(2011, 1, 5, 11, 30, 0), 6m)], fixture.Query(
            "SELECT line_number, order_id, description, invoice_date, value FROM returns",
            r => (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetDateTime(3), r.GetDecimal(4))));
    }
}
