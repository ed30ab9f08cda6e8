using Segmenta.Loading;

namespace Segmenta.Tests.Loading;

public class ColumnMapperTests
{
    private static readonly Dictionary<ColumnRole, string> NoOverrides = [];

    [Fact]
    public void Maps_the_classic_UCI_header()
    {
        var mapping = ColumnMapper.Map(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"], NoOverrides);
        Assert.Equal(8, mapping.Indexes.Count);
        Assert.Equal(6, mapping.IndexOf(ColumnRole.Customer));
        Assert.Equal(5, mapping.IndexOf(ColumnRole.UnitPrice));
    }

    [Fact]
    public void Maps_Online_Retail_II_and_snake_case_names_ignoring_case_and_punctuation()
    {
        var mapping = ColumnMapper.Map(["Invoice", "sku", "Description", "qty", "order_date", "Price", "Customer ID", "COUNTRY"], NoOverrides);
        Assert.Equal(0, mapping.IndexOf(ColumnRole.Invoice));
        Assert.Equal(1, mapping.IndexOf(ColumnRole.Product));
        Assert.Equal(3, mapping.IndexOf(ColumnRole.Quantity));
        Assert.Equal(4, mapping.IndexOf(ColumnRole.Date));
        Assert.Equal(6, mapping.IndexOf(ColumnRole.Customer));
    }

    [Fact]
    public void A_line_total_is_enough_when_there_is_no_price()
    {
        var mapping = ColumnMapper.Map(["customer_id", "date", "total"], NoOverrides);
        Assert.True(mapping.Has(ColumnRole.LineTotal));
        Assert.False(mapping.Has(ColumnRole.Invoice));
    }

    [Fact]
    public void Overrides_win_over_usual_names()
    {
        var mapping = ColumnMapper.Map(["Client", "When", "Value", "CustomerID"], new Dictionary<ColumnRole, string>
        {
            [ColumnRole.Customer] = "Client",
            [ColumnRole.Date] = "When",
        });
        Assert.Equal(0, mapping.IndexOf(ColumnRole.Customer));
        Assert.Equal(1, mapping.IndexOf(ColumnRole.Date));
    }

    [Fact]
    public void A_missing_customer_column_names_the_columns_found_and_the_map_flag()
    {
        var error = Assert.Throws<MissingColumnException>(() => ColumnMapper.Map(["Invoice", "Client", "Date", "Total"], NoOverrides));
        Assert.Contains("customer", error.Message);
        Assert.Contains("'Client'", error.Message);
        Assert.Contains("--map", error.Message);
    }

    [Fact]
    public void An_override_naming_an_absent_column_is_an_error()
    {
        var error = Assert.Throws<InvalidOptionException>(() => ColumnMapper.Map(["a", "b"], new Dictionary<ColumnRole, string> { [ColumnRole.Customer] = "zz" }));
        Assert.Contains("'zz'", error.Message);
        Assert.Equal("Import.ColumnMap", error.Property);
        Assert.StartsWith("customer=zz: the file has no column 'zz'", error.Problem);
    }
}
