using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Store;

public class MoneyColumnsTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    [Fact]
    public void Quantities_prices_and_amounts_are_stored_as_exact_decimals()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header + "1,A,Heart,6,2011-01-01 10:00,2.55,10,UK\n2,A,Heart,3,2011-01-01 10:00,0.12345,10,UK\n");

        var lines = fixture.Query("SELECT quantity, unit_price, amount FROM raw_lines ORDER BY line_number",
            r => (r.GetDecimal(0), r.GetDecimal(1), r.GetDecimal(2)));

        Assert.Equal([(6m, 2.55m, 15.3m), (3m, 0.1235m, 0.3705m)], lines); // 4 places, half away from zero
        Assert.Equal("DECIMAL(18,4)", fixture.Scalar<string>("SELECT data_type FROM information_schema.columns WHERE table_name = 'raw_lines' AND column_name = 'amount'"));
    }

    [Fact]
    public void A_number_beyond_what_the_store_holds_is_quarantined_with_its_reason()
    {
        using var fixture = new StoreFixture();
        var result = fixture.Import(Header + "1,A,Heart,6,2011-01-01 10:00,2.55,10,UK\n2,A,Heart,1e20,2011-01-01 10:00,1,10,UK\n");

        Assert.Equal((1L, 1L), (result.LinesLoaded, result.LinesQuarantined));
        Assert.Contains("beyond", fixture.Scalar<string>("SELECT reason FROM quarantine"));
    }

    [Fact]
    public void A_store_made_with_double_money_columns_is_converted_to_the_exact_values_on_open()
    {
        using var directory = new TempDirectory();
        var path = directory.File("old.duckdb");
        using (var store = SegmentaStore.Open(path))
        {
            store.Execute("""
                ALTER TABLE raw_lines ALTER quantity TYPE DOUBLE;
                ALTER TABLE raw_lines ALTER unit_price TYPE DOUBLE;
                ALTER TABLE raw_lines ALTER amount TYPE DOUBLE;
                ALTER TABLE raw_lines DROP COLUMN category;
                INSERT INTO raw_lines VALUES (1, 2, '1', 'A', 'Heart', 6, TIMESTAMP '2011-01-01 10:00', 2.55, 2.55::DOUBLE * 6, '10', 'UK');
                """);
        }

        using var reopened = SegmentaStore.Open(path);

        Assert.Equal(15.3m, reopened.Scalar<decimal>("SELECT amount FROM raw_lines"));
        Assert.Equal("DECIMAL(18,4)", reopened.Scalar<string>("SELECT data_type FROM information_schema.columns WHERE table_name = 'raw_lines' AND column_name = 'unit_price'"));
        // Stores made before the category column get it, empty, so their lines stay and new imports fit.
        Assert.Equal((1L, 0L), (reopened.Scalar<long>("SELECT count(*) FROM raw_lines"), reopened.Scalar<long>("SELECT count(category) FROM raw_lines")));
    }
}
