using Segmenta.Loading;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Loading;

/// <summary>Files not made for Segmenta: whitespace-separated, headerless, compact dates, binary, huge lines.</summary>
public class RealWorldFileTests
{
    /// <summary>../shared/data/cdnow/CDNOW_sample.txt (see ../shared/data/README.md).</summary>
    internal static string Cdnow => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data", "cdnow", "CDNOW_sample.txt"));

    private static readonly Dictionary<ColumnRole, string> CdnowMap = new()
    {
        [ColumnRole.Customer] = "1", [ColumnRole.Date] = "3", [ColumnRole.Quantity] = "4", [ColumnRole.LineTotal] = "5",
    };

    [Theory]
    [InlineData("19970101", "1997-01-01T00:00:00")]
    [InlineData("19971231 23:59", "1997-12-31T23:59:00")]
    [InlineData("20110304 10:00:05", "2011-03-04T10:00:05")]
    public void Compact_dates_read_year_first(string text, string expected)
    {
        Assert.True(DateText.TryParse(text, out var parts));
        Assert.True(parts.IsCompact);
        Assert.True(parts.TryToDateTime(DateOrder.DayFirst, out var value));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("xyz", "'x' is not a date token")]
    [InlineData("HH:mm", "a date needs a year (yyyy), a month (MM) and a day (dd)")]
    public void An_unusable_date_format_is_refused_naming_the_option(string format, string why)
    {
        var error = Assert.Throws<InvalidOptionException>(() => new ImportOptions { DateFormat = format }.Validate());
        Assert.Equal("Import.DateFormat", error.Property);
        Assert.StartsWith($"{format}: {why}.", error.Problem);
        Assert.StartsWith($"--date-format: {format}: {why}.", error.MessageFor("--date-format"));
    }

    [Theory]
    [InlineData("yyyyMMdd")]
    [InlineData("dd/MM/yyyy HH:mm")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss")]
    [InlineData("ymd")]
    public void Usual_date_formats_are_accepted(string format) => new ImportOptions { DateFormat = format }.Validate();

    [Fact]
    public void Runs_of_spaces_are_detected_as_the_delimiter_when_no_character_splits_the_lines()
    {
        Assert.Equal(' ', TextFormatSniffer.DetectDelimiter(" 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n 00021 0002 19970101  3   63.34\n"));
        Assert.Equal(',', TextFormatSniffer.DetectDelimiter("Customer,Description\n1,RED HEART\n2,BLUE  STAR LIGHT\n"));
    }

    [Fact]
    public void A_whitespace_file_without_header_is_read_by_position_from_its_first_line()
    {
        using var reader = new DelimitedRecordReader(new StringReader(" 00004 0001 19970101  2   29.33\r\n\t00018  0002 19970104 1 14.96\n"), ' ');

        Assert.False(reader.HasHeader);
        Assert.Equal(["1", "2", "3", "4", "5"], reader.Header);
        Assert.True(reader.Read());
        Assert.Equal((1L, "00004", "29.33"), (reader.LineNumber, reader.Field(0).ToString(), reader.Field(4).ToString()));
        Assert.True(reader.Read());
        Assert.Equal((2L, "00018", 5), (reader.LineNumber, reader.Field(0).ToString(), reader.FieldCount));
        Assert.False(reader.Read());
    }

    [Theory]
    [InlineData("Member_number,Date,itemDescription\n1808,21-07-2015,tropical fruit\n", true)]
    [InlineData("a,b,c\n1,2,3\n", true)]
    [InlineData("1808,21-07-2015,tropical fruit\n2552,05-01-2015,whole milk\n", false)]
    public void The_first_line_is_a_header_unless_it_looks_like_data(string text, bool hasHeader)
    {
        using var reader = new DelimitedRecordReader(new StringReader(text), ',');
        Assert.Equal(hasHeader, reader.HasHeader);
    }

    [Fact]
    public void The_cdnow_sample_loads_with_map_flags_only()
    {
        // ../shared/data/README.md: 6,919 purchases by 2,357 customers (Fader, Hardie & Lee's CDNOW 1/10 sample).
        using var fixture = new StoreFixture();

        var result = Importer.Import(fixture.Store, Cdnow, new ImportOptions { ColumnMap = CdnowMap });

        Assert.Equal((6_919L, 6_919L, 0L), (result.LinesRead, result.LinesLoaded, result.LinesQuarantined));
        Assert.Equal(("whitespace", false, "yyyyMMdd"), (result.Delimiter, result.HasHeader, result.DateOrder));
        Assert.Equal(2_357, fixture.Scalar<long>("SELECT count(DISTINCT customer_id) FROM raw_lines"));
        Assert.Equal(new DateTime(1997, 1, 1), fixture.Scalar<DateTime>("SELECT min(invoice_date) FROM raw_lines"));
        Assert.Equal(new DateTime(1998, 6, 30), fixture.Scalar<DateTime>("SELECT max(invoice_date) FROM raw_lines"));
    }

    [Fact]
    public void An_import_that_loads_nothing_leaves_no_trace_and_the_corrected_options_import_the_file()
    {
        using var fixture = new StoreFixture();
        var path = fixture.Write("cdnow.txt", " 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n 00021 0002 19970101  3   63.34\n");

        var error = Assert.Throws<NothingLoadedException>(() => Importer.Import(fixture.Store, path, new ImportOptions { ColumnMap = CdnowMap, DateFormat = "dd/MM/yyyy" }));
        var counts = fixture.Scalar<long>("SELECT (SELECT count(*) FROM imports) + (SELECT count(*) FROM raw_lines) + (SELECT count(*) FROM quarantine)");
        var again = Importer.Import(fixture.Store, path, new ImportOptions { ColumnMap = CdnowMap });

        Assert.Equal(0, counts);
        Assert.Equal("Dates look like 19970101 (read with --date-format dd/MM/yyyy): try --date-format yyyyMMdd.", error.Hint);
        Assert.Equal(("impossible or unreadable date", 3L, 1L), (error.Reasons[0].Kind, error.Reasons[0].Lines, error.Reasons[0].ExampleLine));
        Assert.False(again.AlreadyImported);
        Assert.Equal(3, again.LinesLoaded);
    }

    [Fact]
    public void A_header_only_file_is_an_error_that_says_so()
    {
        using var fixture = new StoreFixture();
        var error = Assert.Throws<NothingLoadedException>(() => fixture.Import("InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n"));
        Assert.Equal("lines.csv has no data lines (only a header). Give a file with at least one purchase line under the header.", error.Message);
        Assert.Equal(0, fixture.Scalar<long>("SELECT count(*) FROM imports"));
    }

    [Fact]
    public void Re_importing_with_other_options_needs_replace_and_then_replaces_the_lines()
    {
        using var fixture = new StoreFixture();
        var path = fixture.Write("shop.csv", "Customer,Date,Total\n1,01/02/2011,5\n2,03/04/2011,6\n");
        Importer.Import(fixture.Store, path, new ImportOptions());

        var error = Assert.Throws<SegmentaException>(() => Importer.Import(fixture.Store, path, new ImportOptions { DateFormat = "dmy" }));
        var replaced = Importer.Import(fixture.Store, path, new ImportOptions { DateFormat = "dmy", Replace = true });

        Assert.Equal("shop.csv was imported before (import 1, with detected settings) and is not read again, but you now ask --date-format dmy (was detected). "
            + "Add --replace to import it again with these options (its earlier lines are replaced), or leave these options out to keep the earlier import.", error.Message);
        Assert.Equal(1, replaced.ReplacedImportId);
        Assert.Equal(2, fixture.Scalar<long>("SELECT count(*) FROM raw_lines"));
        Assert.Equal(new DateTime(2011, 2, 1), fixture.Scalar<DateTime>("SELECT min(invoice_date) FROM raw_lines"));
        Assert.True(Importer.Import(fixture.Store, path, new ImportOptions { DateFormat = "dmy" }).AlreadyImported);
    }

    [Fact]
    public void A_missing_customer_suggests_a_customer_column_and_a_missing_amount_is_no_error()
    {
        var error = Assert.Throws<MissingColumnException>(() => ColumnMapper.Map(["InvoiceNo", "Client", "InvoiceDate", "Value"], new Dictionary<ColumnRole, string>()));
        Assert.Contains("--map customer=Client", error.Message);
        Assert.DoesNotContain("customer=InvoiceNo", error.Message);

        // Customer and date are enough (issue 14 item 4): the amount is optional, money-based analyses are then skipped.
        var mapping = ColumnMapper.Map(["CustomerID", "InvoiceDate", "Dollars"], new Dictionary<ColumnRole, string>());
        Assert.Equal("date=InvoiceDate, customer=CustomerID", mapping.Describe());
        Assert.False(ColumnMapper.HasAmount(mapping));
    }

    [Fact]
    public void A_binary_file_is_refused_without_echoing_control_bytes()
    {
        using var fixture = new StoreFixture();
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var path = fixture.Write("data.csv", "");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<SegmentaException>(() => Importer.Import(fixture.Store, path, new ImportOptions()));

        Assert.StartsWith("data.csv is not a text table: its first bytes are binary", error.Message);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void A_ten_megabyte_line_is_quarantined_and_echoed_cut_to_200_characters()
    {
        using var fixture = new StoreFixture();
        var huge = new string('x', 10_000_000);
        var path = fixture.Write("huge.csv", $"Customer,Date,Total\n1,2011-01-01,{huge}\n2,2011-01-02,5\n");
        var quarantine = fixture.Write("quarantine.csv", "");

        var result = Importer.Import(fixture.Store, path, new ImportOptions());
        Importer.WriteQuarantine(fixture.Store, quarantine);

        Assert.Equal((1L, 1L), (result.LinesLoaded, result.LinesQuarantined));
        var lines = File.ReadAllLines(quarantine);
        Assert.Equal("File,Line,Reason,Text", lines[0]);
        Assert.StartsWith("huge.csv,2,non-numeric line total 'xxxx", lines[1]);
        Assert.True(lines[1].Length < 400, $"{lines[1].Length} characters");
    }

    [Fact]
    public void A_first_line_of_a_million_fields_is_refused_at_once()
    {
        using var fixture = new StoreFixture();
        var error = Assert.Throws<SegmentaException>(() => fixture.Import(string.Concat(Enumerable.Repeat("a,", 1_000_000)) + "\n"));
        Assert.StartsWith("The first line splits into 1,000,001 fields with the delimiter ','", error.Message);
        Assert.True(error.Message.Length < 300);
    }

    [Fact]
    public void A_missing_column_message_never_echoes_more_than_200_characters_of_the_header()
    {
        var header = Enumerable.Range(0, 200).Select(i => $"column number {i} with a long name").ToList();
        var error = Assert.Throws<MissingColumnException>(() => ColumnMapper.Map(header, new Dictionary<ColumnRole, string>()));
        var found = error.Message[error.Message.IndexOf("Columns found: ", StringComparison.Ordinal)..error.Message.IndexOf(". Tell", StringComparison.Ordinal)];
        Assert.True(found.Length < 260, found);
        Assert.EndsWith("more", found);
    }
}
