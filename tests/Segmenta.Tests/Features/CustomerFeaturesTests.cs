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
}
