using Segmenta.Loading;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Loading;

public class ExcelImportTests
{
    [Fact]
    public void An_xlsx_workbook_loads_with_text_dates_serial_dates_and_numeric_customer_ids()
    {
        using var fixture = new StoreFixture();
        var path = fixture.Write("lines.xlsx", "");
        File.Delete(path);
        MinimalXlsx.Write(path,
        [
            ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
            ["536365", "85123A", "WHITE HANGING HEART", 6, "2010-12-01 08:26:00", 2.55, 17850, "United Kingdom"],
            ["536366", "22633", "HAND WARMER", 6, 40513.35, 1.85, 17850, "United Kingdom"], // 2010-12-01 08:24
            ["536367", "22633", "HAND WARMER", "six", "2010-12-01 08:28:00", 1.85, 17850, "United Kingdom"],
        ]);

        var result = Importer.Import(fixture.Store, path, new ImportOptions());

        Assert.Equal(("Excel", 3L, 2L, 1L), (result.Format, result.LinesRead, result.LinesLoaded, result.LinesQuarantined));
        Assert.Equal(4, fixture.Scalar<long>("SELECT line_number FROM quarantine"));
        Assert.Equal("17850", fixture.Scalar<string>("SELECT DISTINCT customer_id FROM raw_lines"));
        Assert.Equal(new DateTime(2010, 12, 1, 8, 24, 0), fixture.Scalar<DateTime>("SELECT invoice_date FROM raw_lines WHERE line_number = 3"));
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_a_clear_error()
    {
        using var fixture = new StoreFixture();
        var path = fixture.Write("lines.zip", "");
        File.Delete(path);
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            zip.CreateEntry("a.csv");
        }
        var error = Assert.Throws<SegmentaException>(() => Importer.Import(fixture.Store, path, new ImportOptions()));
        Assert.Contains("unzip", error.Message);
    }
}
