using System.Text;
using Segmenta.Loading;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Loading;

public class ImporterTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    [Fact]
    public void Loads_good_lines_and_quarantines_each_kind_of_bad_line_with_its_line_number_and_reason()
    {
        using var fixture = new StoreFixture();
        var result = fixture.Import(Header
            + "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n" // 2 good
            + "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0\n"                        // 3 too few fields
            + "536367,22633,\"HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom\n"         // 4 unterminated quote
            + "536368,22633,HAND WARMER,six,2010-12-01 08:28:00,1.85,17850.0,United Kingdom\n"        // 5 non-numeric quantity
            + "536369,22633,HAND WARMER,6,2010-02-30 08:28:00,1.85,17850.0,United Kingdom\n"          // 6 impossible date
            + "536370,22633,HAND WARMER,6,2010-12-01 08:28:00,abc,17850.0,United Kingdom\n"           // 7 non-numeric price
            + "536371,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,United Kingdom\n");               // 8 good, no customer

        Assert.Equal(7, result.LinesRead);
        Assert.Equal(2, result.LinesLoaded);
        Assert.Equal(5, result.LinesQuarantined);
        var quarantine = fixture.Query("SELECT line_number, reason, raw_text FROM quarantine ORDER BY line_number", r => (r.GetInt64(0), r.GetString(1), r.GetString(2)));
        Assert.Equal([3L, 4, 5, 6, 7], quarantine.Select(q => q.Item1));
        Assert.StartsWith("wrong field count", quarantine[0].Item2);
        Assert.StartsWith("unterminated quote", quarantine[1].Item2);
        Assert.StartsWith("non-numeric quantity 'six'", quarantine[2].Item2);
        Assert.StartsWith("impossible or unreadable date", quarantine[3].Item2);
        Assert.StartsWith("non-numeric price", quarantine[4].Item2);
        Assert.Contains("536366", quarantine[0].Item3);
        Assert.Equal("17850", fixture.Scalar<string>("SELECT customer_id FROM raw_lines WHERE line_number = 2"));
    }

    [Fact]
    public void Values_repeated_from_the_line_before_are_read_as_written_on_each_line()
    {
        // Invoice, customer and country are compared with the previous line before the string pool is asked: a value that
        // repeats, changes, comes back, differs only by spaces or by a ".0", or goes missing must still be read line by line.
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "536365,A,x,1,2010-12-01 08:26:00,1.0,17850.0,United Kingdom\n"   // 2
            + "536365,B,x,1,2010-12-01 08:26:00,1.0,17850,United Kingdom\n"     // 3 same customer without ".0"
            + "536365 ,C,x,1,2010-12-01 08:26:00,1.0, 17850 ,United Kingdom \n"  // 4 same values with spaces
            + "536366,A,x,1,2010-12-01 08:27:00,1.0,,\n"                         // 5 no customer, no country
            + "536366,B,x,1,2010-12-01 08:27:00,1.0,,\n"                         // 6 the same, again
            + "536365,A,x,1,2010-12-01 08:28:00,1.0,12346,France\n");           // 7 an earlier invoice comes back

        var lines = fixture.Query(
            "SELECT invoice, customer_id, country FROM raw_lines ORDER BY line_number",
            r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));

        Assert.Equal(
            [("536365", "17850", "United Kingdom"), ("536365", "17850", "United Kingdom"), ("536365", "17850", "United Kingdom"),
             ("536366", null, null), ("536366", null, null), ("536365", "12346", "France")],
            lines);
    }

    [Fact]
    public void One_text_in_several_columns_is_read_into_each_from_its_own_pool()
    {
        // Each column has its own string pool and invoice numbers have none: the same text as invoice, product,
        // description, customer and country, on lines that alternate, must land in every column as written.
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "17850,17850,17850,1,2010-12-01 08:26:00,1.0,17850,17850\n"    // 2 the same text in five columns
            + "536365,17850,WHITE,1,2010-12-01 08:26:00,1.0,12346,France\n"  // 3 only the product repeats it
            + "17850,22633,17850,1,2010-12-01 08:27:00,1.0,17850,France\n"   // 4 invoice, description and customer again
            + "17850,17850,17850,1,2010-12-01 08:28:00,1.0,17850,17850\n");  // 5 line 2 once more

        var lines = fixture.Query(
            "SELECT invoice, stock_code, description, customer_id, country FROM raw_lines ORDER BY line_number",
            r => string.Join('|', Enumerable.Range(0, 5).Select(i => r.GetString(i))));

        Assert.Equal(
            ["17850|17850|17850|17850|17850", "536365|17850|WHITE|12346|France", "17850|22633|17850|17850|France", "17850|17850|17850|17850|17850"],
            lines);
    }

    [Fact]
    public void Descriptions_dates_and_numbers_read_through_the_shortcuts_are_each_line_s_own()
    {
        // A product's description is compared with the one it had before, a date with the previous line's, and plain
        // numbers skip the double: a description that changes, comes back, is blank or padded, a product code longer
        // than the string pool keeps, a date that changes and comes back, and numbers with 5 places, a sign or a
        // thousands separator must still be read line by line as written.
        var longCode = new string('P', 70);
        using var fixture = new StoreFixture();
        fixture.Import(Header
            + "1,A,HEART,2,2010-12-01 08:26:00,2.55,1,UK\n"             // 2
            + "1,A,HEART,2,2010-12-01 08:26:00,2.55,1,UK\n"             // 3 same description, same date
            + "1,A,RED HEART,-3,2010-12-01 08:27:00,0.12345,1,UK\n"     // 4 the description changes; 5 places round half away
            + "1,A, HEART ,1,2010-12-01 08:26:00,\"1,234.5\",1,UK\n"     // 5 back (padded), the earlier date comes back
            + "1,A,,1,2010-12-01 08:26:00,-0.00005,1,UK\n"               // 6 blank description
            + $"1,{longCode},LONG,1,2010-12-01 08:26:00,1,1,UK\n"       // 7 a code longer than the pool keeps
            + $"1,{longCode},LONGER,1,2010-12-01 08:26:00,1,1,UK\n");   // 8 its description changes

        var lines = fixture.Query(
            "SELECT description, strftime(invoice_date, '%H:%M'), CAST(quantity AS VARCHAR), CAST(unit_price AS VARCHAR), CAST(amount AS VARCHAR) FROM raw_lines ORDER BY line_number",
            r => (r.IsDBNull(0) ? null : r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));

        Assert.Equal(
            [("HEART", "08:26", "2.0000", "2.5500", "5.1000"), ("HEART", "08:26", "2.0000", "2.5500", "5.1000"),
             ("RED HEART", "08:27", "-3.0000", "0.1235", "-0.3705"), ("HEART", "08:26", "1.0000", "1234.5000", "1234.5000"),
             (null, "08:26", "1.0000", "-0.0001", "-0.0001"), ("LONG", "08:26", "1.0000", "1.0000", "1.0000"),
             ("LONGER", "08:26", "1.0000", "1.0000", "1.0000")],
            lines);
    }

    [Fact]
    public void Importing_the_same_file_twice_adds_nothing_and_a_second_file_appends()
    {
        using var fixture = new StoreFixture();
        var first = fixture.Write("a.csv", Header + "1,A,x,1,2011-01-01 10:00,1.0,1,UK\n");
        var second = fixture.Write("b.csv", Header + "2,A,x,1,2011-01-02 10:00,1.0,2,UK\n");

        var once = Importer.Import(fixture.Store, first, new ImportOptions());
        var again = Importer.Import(fixture.Store, first, new ImportOptions());
        var other = Importer.Import(fixture.Store, second, new ImportOptions());

        Assert.False(once.AlreadyImported);
        Assert.True(again.AlreadyImported);
        Assert.Equal(once.ImportId, again.ImportId);
        Assert.Equal(2, other.ImportId);
        Assert.Equal(2, fixture.Scalar<long>("SELECT count(*) FROM raw_lines"));
    }

    [Fact]
    public void A_missing_required_column_fails_and_leaves_the_store_as_it_was()
    {
        using var fixture = new StoreFixture();
        fixture.Import(Header + "1,A,x,1,2011-01-01 10:00,1.0,1,UK\n", name: "good.csv");

        var error = Assert.Throws<MissingColumnException>(() => fixture.Import("Invoice,Client,Date,Total\n1,7,2011-01-01,5\n", name: "bad.csv"));

        Assert.Contains("'Client'", error.Message);
        Assert.Equal(1, fixture.Scalar<long>("SELECT count(*) FROM raw_lines"));
        Assert.Equal(1, fixture.Scalar<long>("SELECT count(*) FROM imports"));
    }

    [Fact]
    public void Day_first_is_decided_by_a_late_line_even_when_the_first_lines_are_ambiguous()
    {
        var lines = new StringBuilder("Invoice;Customer ID;InvoiceDate;Quantity;Price\n");
        for (var i = 0; i < 25_000; i++)
        {
            lines.Append(CultureInvariant($"{i};C{i % 50};01/02/2011 10:00;1;2,50\n"));
        }
        lines.Append("99999;C1;25/02/2011 10:00;1;2,50\n");
        using var fixture = new StoreFixture();

        var result = fixture.Import(lines.ToString());

        Assert.Equal(0, result.LinesQuarantined);
        Assert.Equal("DayFirst", result.DateOrder);
        Assert.Equal(new DateTime(2011, 2, 1, 10, 0, 0), fixture.Scalar<DateTime>("SELECT min(invoice_date) FROM raw_lines"));
        Assert.Equal(2.5, fixture.Scalar<double>("SELECT max(unit_price) FROM raw_lines"));
    }

    [Fact]
    public void A_file_that_turns_out_not_to_be_UTF8_late_is_reread_as_Windows_1252()
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < 40_000; i++)
        {
            text.Append(CultureInvariant($"{i},A,PLAIN TEXT PADDING LINE,1,2011-01-01 10:00,1.0,{i % 9},UK\n"));
        }
        text.Append("5,A,CAFÉ CRÈME,1,2011-01-01 10:00,1.0,1,Côte d'Ivoire\n");
        using var fixture = new StoreFixture();
        var path = fixture.Write("latin.csv", text.ToString(), TextFormatSniffer.Windows1252);

        var result = Importer.Import(fixture.Store, path, new ImportOptions());

        Assert.Equal("windows-1252", result.Encoding);
        Assert.Equal("CAFÉ CRÈME", fixture.Scalar<string>("SELECT description FROM raw_lines WHERE country LIKE 'C%'"));
    }

    [Fact]
    public void A_file_with_only_customer_date_and_total_loads()
    {
        using var fixture = new StoreFixture();
        var result = fixture.Import("customer_id,order_date,total\n7,2011-01-01,10.5\n7,2011-01-03,4.5\n");
        Assert.Equal(2, result.LinesLoaded);
        Assert.False(result.Roles.Contains(ColumnRole.Invoice));
        Assert.Equal(15.0, fixture.Scalar<double>("SELECT sum(amount) FROM raw_lines"));
    }

    [Fact]
    public void Parquet_files_load_through_the_same_mapping()
    {
        using var fixture = new StoreFixture();
        var path = fixture.Write("lines.parquet", "");
        File.Delete(path);
        fixture.Store.Execute($"""
            COPY (SELECT * FROM (VALUES ('536365', '85123A', 'HEART', 6, TIMESTAMP '2010-12-01 08:26:00', 2.55, 17850.0, 'United Kingdom'))
                  t(InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country))
            TO '{path}' (FORMAT parquet)
            """);

        var result = Importer.Import(fixture.Store, path, new ImportOptions());

        Assert.Equal(("Parquet", 1L), (result.Format, result.LinesLoaded));
        Assert.Equal("17850", fixture.Scalar<string>("SELECT customer_id FROM raw_lines"));
        Assert.Equal(15.3, fixture.Scalar<double>("SELECT amount FROM raw_lines"), 9);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        using var fixture = new StoreFixture();
        var error = Assert.Throws<SegmentaException>(() => Importer.Import(fixture.Store, "/no/such/file.csv", new ImportOptions()));
        Assert.Contains("File not found", error.Message);
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
