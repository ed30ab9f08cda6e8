using Segmenta.Cleaning;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Features;

public class CustomerFeaturesTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    [Fact]
    public void Computes_recency_frequency_monetary_and_behaviour_for_a_hand_checked_customer()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,2,2011-01-03 10:00,5.00,10,UK\n"       // Monday
            + "1,22633,Lamp,1,2011-01-03 10:00,10.00,10,UK\n"
            + "2,A,Heart,4,2011-01-13 15:00,5.00,10,UK\n"       // Thursday
            + "3,A,Heart,1,2011-02-02 10:30,5.00,10,France\n"   // Wednesday
            + "C4,A,Heart,-1,2011-02-03 10:00,5.00,10,France\n" // return of invoice 3
            + "9,Z,Other,1,2011-02-27 10:00,1.00,99,UK\n");
        fixture.Clean(CleaningPreset.Default);

        var summary = fixture.Features(new DateOnly(2011, 3, 1));

        var row = fixture.Query(
            """
            SELECT recency, frequency, monetary, tenure_days, average_order_value, mean_days_between_purchases,
                   median_days_between_purchases, items_bought, distinct_products, returns_count, returns_value,
                   return_rate, cancellation_rate, favourite_weekday, favourite_hour, main_country
            FROM customers WHERE customer_id = '10'
            """,
            r => (Recency: r.GetInt64(0), Frequency: r.GetInt64(1), Monetary: r.GetDouble(2), Tenure: r.GetInt64(3),
                  Aov: r.GetDouble(4), MeanGap: r.GetDouble(5), MedianGap: r.GetDouble(6), Items: r.GetDouble(7),
                  Products: r.GetInt64(8), Returns: r.GetInt64(9), ReturnValue: r.GetDouble(10), ReturnRate: r.GetDouble(11),
                  CancelRate: r.GetDouble(12), Weekday: r.GetString(13), Hour: r.GetInt32(14), Country: r.GetString(15))).Single();

        Assert.Equal(2, summary.Customers);
        Assert.Equal(27, row.Recency);          // 2011-02-02 -> 2011-03-01
        Assert.Equal(3, row.Frequency);
        Assert.Equal(40.0, row.Monetary, 9);    // 20 + 20 + 5 - 5 returned
        Assert.Equal(57, row.Tenure);           // 2011-01-03 -> 2011-03-01
        Assert.Equal(40.0 / 3, row.Aov, 9);
        Assert.Equal(15.0, row.MeanGap, 9);     // gaps 10 and 20 days
        Assert.Equal(15.0, row.MedianGap, 9);
        Assert.Equal(8.0, row.Items);
        Assert.Equal(2, row.Products);
        Assert.Equal((1L, 5.0), (row.Returns, row.ReturnValue));
        Assert.Equal(5.0 / 45.0, row.ReturnRate, 9);
        Assert.Equal(0.25, row.CancelRate, 9); // 1 cancelled order of 4
        Assert.Equal("Monday", row.Weekday);    // one order each day: earliest weekday wins the tie
        Assert.Equal(10, row.Hour);
        Assert.Equal("UK", row.Country);        // 40 in the UK vs 5 in France
    }

    [Fact]
    public void As_of_defaults_to_the_day_after_the_last_invoice()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header + "1,A,Heart,1,2011-01-03 10:00,5.00,10,UK\n1,A,Heart,1,2011-01-05 23:59,5.00,11,UK\n");
        fixture.Clean();
        var summary = fixture.Features();
        Assert.Equal(new DateOnly(2011, 1, 6), summary.AsOf);
        Assert.Equal(3 + 1, summary.RecencySum);
    }

    [Fact]
    public void A_file_without_invoices_counts_each_customer_day_as_one_order_and_says_what_is_missing()
    {
        using var fixture = new StoreFixture();
        fixture.Import("customer,date,total\n7,2011-01-01 09:00,10\n7,2011-01-01 17:00,5\n7,2011-01-04 12:00,5\n");
        fixture.Clean();

        var summary = fixture.Features();

        Assert.Equal(2, summary.FrequencySum);
        Assert.Contains(summary.Notes, n => n.Contains("No invoice column"));
        Assert.Contains(summary.Notes, n => n.Contains("No product column"));
    }

    private static double? Feature(StoreFixture fixture, string column, string customer) =>
        fixture.Query($"SELECT {column} FROM customers WHERE customer_id = '{customer}'", r => r.IsDBNull(0) ? (double?)null : r.GetDouble(0)).Single();

    [Fact]
    public void Average_monthly_spend_uses_complete_months_only_and_the_partial_month_is_flagged()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,1,2011-01-10 10:00,30.00,10,UK\n"   // January
            + "2,A,Heart,1,2011-03-05 10:00,60.00,10,UK\n"   // March
            + "3,A,Heart,1,2011-04-03 10:00,500.00,10,UK\n"  // April: partial (as-of 2011-04-10), left out
            + "4,A,Heart,1,2011-04-02 10:00,5.00,11,UK\n");  // first purchase in the partial month
        fixture.Clean();

        var summary = fixture.Features(new DateOnly(2011, 4, 10));

        Assert.Equal(30.0, Feature(fixture, "average_monthly_spend", "10")); // (30 + 0 + 60) / 3 complete months
        Assert.Null(Feature(fixture, "average_monthly_spend", "11"));         // no complete month yet: empty
        Assert.Equal(590.0, Feature(fixture, "monetary", "10"));              // Monetary keeps every month
        Assert.Contains(summary.Notes, n => n.StartsWith("April 2011 is partial (9 of 30 days", StringComparison.Ordinal));
    }

    [Fact]
    public void A_one_time_buyer_has_a_flat_trend_not_a_declining_one()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header + "1,A,Heart,1,2011-01-10 10:00,100.00,10,UK\n2,A,Heart,1,2011-06-10 10:00,1.00,99,UK\n");
        fixture.Clean();

        fixture.Features(new DateOnly(2011, 7, 1));

        Assert.Equal(0.0, Feature(fixture, "spend_trend", "10")); // February..June all 0 after the first month
    }

    [Fact]
    public void Spend_trend_is_the_least_squares_slope_of_monthly_net_spend_after_the_first_month()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,1,2011-01-10 10:00,999.00,10,UK\n"  // first month: not in the trend
            + "2,A,Heart,1,2011-02-10 10:00,10.00,10,UK\n"
            + "3,A,Heart,2,2011-03-10 10:00,10.00,10,UK\n"
            + "C4,A,Heart,-1,2011-03-20 10:00,10.00,10,UK\n" // March net 10
            + "5,A,Heart,4,2011-04-10 10:00,10.00,10,UK\n"
            + "6,A,Heart,9,2011-05-02 10:00,10.00,10,UK\n"); // May partial: left out
        fixture.Clean();

        fixture.Features(new DateOnly(2011, 5, 3));

        Assert.Equal(15.0, Feature(fixture, "spend_trend", "10")!.Value, 12); // (10, 10, 40) over x = 1, 2, 3
    }

    [Fact]
    public void Spend_trend_is_empty_with_fewer_than_two_complete_months_after_the_first()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header + "1,A,Heart,1,2011-01-10 10:00,100.00,10,UK\n2,A,Heart,1,2011-02-10 10:00,1.00,10,UK\n");
        fixture.Clean();

        fixture.Features(new DateOnly(2011, 3, 1));

        Assert.Null(Feature(fixture, "spend_trend", "10"));
    }

    [Fact]
    public void Monetary_is_net_of_returns_and_refunds_and_exactly_zero_when_everything_came_back()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,Heart,3,2011-01-03 10:00,0.10,10,UK\n"
            + "2,A,Heart,7,2011-01-20 11:00,0.70,10,UK\n"
            + "C3,A,Heart,-3,2011-01-21 09:00,0.10,10,UK\n"
            + "C4,A,Heart,-7,2011-01-22 09:00,0.70,10,UK\n"
            + "5,A,Heart,2,2011-01-23 09:00,2.50,11,UK\n"
            + "C6,D,Discount,-1,2011-01-24 09:00,0.50,11,UK\n");
        fixture.Clean();

        fixture.Features(new DateOnly(2011, 2, 1));

        var zero = Feature(fixture, "monetary", "10")!.Value;
        Assert.Equal(0.0, zero);
        Assert.False(double.IsNegative(zero)); // +0.0, not -0.0
        Assert.Equal(0.0, Feature(fixture, "average_order_value", "10"));
        Assert.Equal(4.5, Feature(fixture, "monetary", "11"));
        Assert.Equal(0.5, Feature(fixture, "refunds_value", "11"));
    }
}
