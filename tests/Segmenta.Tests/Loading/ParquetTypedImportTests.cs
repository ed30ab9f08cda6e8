using System.Globalization;
using Segmenta.Generating;
using Segmenta.Loading;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Loading;

public class ParquetTypedImportTests
{
    private const string Lines = "SELECT * EXCLUDE (import_id) FROM raw_lines ORDER BY line_number";
    private const string Quarantine = "SELECT line_number, reason FROM quarantine ORDER BY line_number";

    [Fact]
    public void A_generated_parquet_shop_loads_the_same_lines_as_the_csv_of_the_same_seed()
    {
        using var directory = new TempDirectory();
        var csv = directory.File("shop.csv");
        var parquet = directory.File("shop.parquet");
        ShopGenerator.Generate(new GenerateOptions { Lines = 6_000, Seed = 4, Format = GeneratedFormat.Csv, OutputPath = csv });
        ShopGenerator.Generate(new GenerateOptions { Lines = 6_000, Seed = 4, Format = GeneratedFormat.Parquet, OutputPath = parquet });
        using var fromCsv = new StoreFixture();
        using var fromParquet = new StoreFixture();

        var csvResult = Importer.Import(fromCsv.Store, csv, new ImportOptions());
        var parquetResult = Importer.Import(fromParquet.Store, parquet, new ImportOptions());

        Assert.Equal((6_000L, csvResult.LinesLoaded, csvResult.LinesQuarantined), (parquetResult.LinesRead, parquetResult.LinesLoaded, parquetResult.LinesQuarantined));
        Assert.Equal(Rows(fromCsv, Lines), Rows(fromParquet, Lines));
        Assert.Equal(Rows(fromCsv, Quarantine), Rows(fromParquet, Quarantine));
    }

    [Fact]
    public void Files_of_one_or_many_row_groups_load_the_same_lines_and_the_thread_count_comes_back()
    {
        // A file of fewer row groups than threads is read on one thread (DuckDB's busy-polling calling thread); the
        // setting is put back after the import, and the result does not depend on the number of row groups.
        using var directory = new TempDirectory();
        var one = directory.File("one.parquet");
        ShopGenerator.Generate(new GenerateOptions { Lines = 5_000, Seed = 9, Format = GeneratedFormat.Parquet, OutputPath = one });
        using var fromOne = new StoreFixture();
        var many = directory.File("many.parquet");
        fromOne.Store.Execute($"COPY (SELECT * FROM read_parquet('{one}')) TO '{many}' (FORMAT parquet, ROW_GROUP_SIZE 1024)");
        using var fromMany = new StoreFixture();
        fromOne.Store.Execute("SET threads = 2");
        fromMany.Store.Execute("SET threads = 2");

        var a = Importer.Import(fromOne.Store, one, new ImportOptions());
        var b = Importer.Import(fromMany.Store, many, new ImportOptions());

        Assert.Equal(1L, fromOne.Store.Scalar<long>($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{one}')"));
        Assert.True(fromMany.Store.Scalar<long>($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{many}')") > 2);
        Assert.Equal((5_000L, a.LinesLoaded, a.LinesQuarantined), (b.LinesRead, b.LinesLoaded, b.LinesQuarantined));
        Assert.Equal(Rows(fromOne, Lines), Rows(fromMany, Lines));
        Assert.Equal("2", fromOne.Store.Scalar<string>("SELECT current_setting('threads')"));
        Assert.Equal("2", fromMany.Store.Scalar<string>("SELECT current_setting('threads')"));
    }

    [Fact]
    public void Typed_cells_follow_the_text_rules_value_by_value_and_reason_by_reason()
    {
        // Doubles as pandas writes them (customer ids with NaN, prices with binary residue), nulls, a value beyond the
        // limit and padded text: the set-based path must store exactly what the record-by-record text path stores.
        using var fixture = new StoreFixture();
        var path = fixture.Write("typed.parquet", "");
        File.Delete(path);
        fixture.Store.Execute($"""
            COPY (SELECT * FROM (VALUES
                (536365, ' 85123A ', 'WHITE HEART' || chr(160), 6, TIMESTAMP '2010-12-01 08:26:00.7', 2.55::DOUBLE, 17850.0::DOUBLE, 'United Kingdom'),
                (536366, '22633', '', 3, TIMESTAMP '2010-12-01 08:28:00', 0.1 + 0.2, 'nan'::DOUBLE, ' '),
                (536367, '22633', 'HAND WARMER', NULL, TIMESTAMP '2010-12-01 08:28:00', 1.85, NULL, 'France'),
                (536368, '22633', 'HAND WARMER', 2, NULL, 1.85, 12346.0, 'France'),
                (536369, '22633', 'HAND WARMER', 2, TIMESTAMP '2010-12-01 09:00:00', 'nan'::DOUBLE, 12346.0, 'France'),
                (536370, '22633', 'HAND WARMER', 1000000000000000, TIMESTAMP '2010-12-01 09:00:00', 1.0, 12346.0, 'France'),
                (536371, '22633', 'HAND WARMER', -3, TIMESTAMP '2010-12-01 09:00:00', 0.12344999999999999, 12346.5, 'France'),
                (536372, '22633', 'HAND WARMER', 7, TIMESTAMP '2010-12-01 09:00:00', NULL, 12347.0, 'France'))
                t(InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country))
            TO '{path}' (FORMAT parquet)
            """);
        using var byRecord = new StoreFixture();

        var typed = Importer.Import(fixture.Store, path, new ImportOptions());
        var text = Importer.Import(byRecord.Store, path, new ImportOptions { ParquetRecordByRecord = true });

        Assert.True(TakesTheTypedPath(fixture, path));
        Assert.Equal((8L, 3L, 5L), (typed.LinesRead, typed.LinesLoaded, typed.LinesQuarantined));
        Assert.Equal((text.LinesLoaded, text.LinesQuarantined), (typed.LinesLoaded, typed.LinesQuarantined));
        Assert.Equal(Rows(byRecord, Lines), Rows(fixture, Lines));
        Assert.Equal(Rows(byRecord, Quarantine), Rows(fixture, Quarantine));
        Assert.Equal(
            ["4: non-numeric quantity ''", "5: missing date", "6: price 'NaN' beyond 99,999,999,999,999",
             "7: quantity '1000000000000000' beyond 99,999,999,999,999", "9: non-numeric price ''"],
            Rows(fixture, Quarantine));
        Assert.Equal("85123A|WHITE HEART|17850|2010-12-01 08:26:00|2.5500|15.3000", Rows(fixture,
            "SELECT concat_ws('|', stock_code, description, customer_id, strftime(invoice_date, '%Y-%m-%d %H:%M:%S'), unit_price, amount) FROM raw_lines WHERE line_number = 2")[0]);
    }

    [Fact]
    public void A_line_total_without_price_gives_the_unit_price_rounded_half_away_from_zero()
    {
        using var fixture = new StoreFixture();
        var path = fixture.Write("totals.parquet", "");
        File.Delete(path);
        fixture.Store.Execute($"""
            COPY (SELECT * FROM (VALUES
                ('1', 'A', 3::DECIMAL(10,2), DATE '2011-01-02', 10.00::DECIMAL(10,2), 'c1'),
                ('2', 'A', -3::DECIMAL(10,2), DATE '2011-01-02', 10.00::DECIMAL(10,2), 'c1'),
                ('3', 'A', 8::DECIMAL(10,2), DATE '2011-01-02', 0.0012::DECIMAL(10,4), 'c2'),
                ('4', 'A', 0::DECIMAL(10,2), DATE '2011-01-02', 5.00::DECIMAL(10,2), 'c2'),
                ('5', 'A', 2::DECIMAL(10,2), DATE '2011-01-02', NULL, 'c2'))
                t(InvoiceNo, StockCode, Quantity, InvoiceDate, Total, CustomerID))
            TO '{path}' (FORMAT parquet)
            """);
        using var byRecord = new StoreFixture();

        Importer.Import(fixture.Store, path, new ImportOptions());
        Importer.Import(byRecord.Store, path, new ImportOptions { ParquetRecordByRecord = true });

        Assert.True(TakesTheTypedPath(fixture, path));
        Assert.Equal(Rows(byRecord, Lines), Rows(fixture, Lines));
        Assert.Equal(Rows(byRecord, Quarantine), Rows(fixture, Quarantine));
        Assert.Equal(["3.3333", "-3.3333", "0.0002", ""],
            Rows(fixture, "SELECT coalesce(CAST(unit_price AS VARCHAR), '') FROM raw_lines ORDER BY line_number"));
    }

    [Fact]
    public void Large_totals_and_products_are_computed_exactly_beyond_the_64_bit_products_of_the_view()
    {
        // The view keeps numbers in DECIMAL(18,4), whose products DuckDB holds in 64 bits (an error beyond 1e10): a total of
        // 12 billion without a price, a product of 150 billion and one beyond the limit must come out as on the text path.
        using var fixture = new StoreFixture();
        var path = fixture.Write("large.parquet", "");
        File.Delete(path);
        fixture.Store.Execute($"""
            COPY (SELECT * FROM (VALUES
                ('1', 'A', 3::DECIMAL(18,4), TIMESTAMP '2011-01-02 10:00:00', NULL::DECIMAL(16,2), 12345678901.50::DECIMAL(14,2), 'c1'),
                ('2', 'A', 3::DECIMAL(18,4), TIMESTAMP '2011-01-02 10:00:00', 50000000000.00::DECIMAL(16,2), NULL, 'c1'),
                ('3', 'A', 2::DECIMAL(18,4), TIMESTAMP '2011-01-02 10:00:00', 90000000000000.00::DECIMAL(16,2), NULL, 'c1'),
                ('4', 'A', -7::DECIMAL(18,4), TIMESTAMP '2011-01-02 10:00:00', 99999.99::DECIMAL(16,2), NULL, 'c2'),
                ('5', 'A', 2.5::DECIMAL(18,4), TIMESTAMP '2011-01-02 10:00:00', 0.33::DECIMAL(16,2), NULL, 'c2'),
                ('6', 'A', -0.0015::DECIMAL(18,4), TIMESTAMP '2011-01-02 10:00:00', 0.10::DECIMAL(16,2), NULL, 'c2'),
                ('7', 'A', 1000000.5::DECIMAL(18,4), TIMESTAMP '2011-01-02 10:00:00', 1000.01::DECIMAL(16,2), NULL, 'c2'),
                ('8', 'A', 99999999999999.5::DECIMAL(18,4), TIMESTAMP '2011-01-02 10:00:00', 1.00::DECIMAL(16,2), NULL, 'c2'))
                t(InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, Total, CustomerID))
            TO '{path}' (FORMAT parquet)
            """);
        using var byRecord = new StoreFixture();

        var typed = Importer.Import(fixture.Store, path, new ImportOptions());
        Importer.Import(byRecord.Store, path, new ImportOptions { ParquetRecordByRecord = true });

        Assert.True(TakesTheTypedPath(fixture, path));
        Assert.Equal((8L, 6L, 2L), (typed.LinesRead, typed.LinesLoaded, typed.LinesQuarantined));
        Assert.Equal(Rows(byRecord, Lines), Rows(fixture, Lines));
        Assert.Equal(Rows(byRecord, Quarantine), Rows(fixture, Quarantine));
        Assert.Equal(["4: line total (price × quantity) beyond 99,999,999,999,999", "9: quantity '99999999999999.5000' beyond 99,999,999,999,999"],
            Rows(fixture, Quarantine));
        Assert.Equal(
            ["2: 4115226300.5000: 12345678901.5000", "3: 50000000000.0000: 150000000000.0000", "5: 99999.9900: -699999.9300",
             "6: 0.3300: 0.8250", "7: 0.1000: -0.0002", "8: 1000.0100: 1000010500.0050"],
            Rows(fixture, "SELECT line_number, unit_price, amount FROM raw_lines ORDER BY line_number"));
    }

    [Theory]
    [InlineData("INTEGER", true)]
    [InlineData("UINTEGER", true)]
    [InlineData("BIGINT", false)]
    [InlineData("HUGEINT", false)]
    [InlineData("DECIMAL(12,2)", true)]
    [InlineData("DECIMAL(14,0)", true)]
    [InlineData("DECIMAL(15,1)", false)]
    [InlineData("DECIMAL(18,4)", false)]
    [InlineData("DECIMAL(38,30)", true)]
    [InlineData("DOUBLE", false)]
    public void A_number_type_is_cast_without_a_limit_test_only_when_its_largest_value_is_within_the_limit(string type, bool fits)
    {
        Assert.Equal(fits, ParquetTypedImport.AlwaysFits(type));
    }

    [Fact]
    public void Every_decimal_type_said_to_fit_has_its_largest_value_within_the_limit_and_every_other_one_beyond()
    {
        for (var precision = 1; precision <= 38; precision++)
        {
            for (var scale = 0; scale <= precision; scale++)
            {
                // The largest DECIMAL(p,s) is 10^(p-s) - 10^-s; compared in whole units of 10^-s to stay exact.
                var largest = System.Numerics.BigInteger.Pow(10, precision) - 1;
                var limit = new System.Numerics.BigInteger(Money.Limit) * System.Numerics.BigInteger.Pow(10, scale);
                Assert.True(largest <= limit == ParquetTypedImport.AlwaysFits($"DECIMAL({precision},{scale})"), $"DECIMAL({precision},{scale})");
            }
        }
    }

    [Fact]
    public void Columns_named_like_the_views_own_names_are_read_as_the_files_columns()
    {
        using var fixture = new StoreFixture();
        var path = fixture.Write("names.parquet", "");
        File.Delete(path);
        // c1 is the view's name for the second column, reason and line_number are its own columns, {limit} a placeholder.
        const string placeholder = "\"{limit}\"";
        fixture.Store.Execute($"""
            COPY (SELECT * FROM (VALUES
                ('x', 'A', 3, TIMESTAMP '2011-01-02 10:00:00', 1.25::DECIMAL(10,2), 'c1', 7, 'a'),
                ('y', 'B', NULL, TIMESTAMP '2011-01-02 10:00:00', 2.50::DECIMAL(10,2), 'c2', 8, 'b'))
                t(c1, product, quantity, "date", price, customer, reason, {placeholder}))
            TO '{path}' (FORMAT parquet)
            """);
        using var byRecord = new StoreFixture();

        var typed = Importer.Import(fixture.Store, path, new ImportOptions { ColumnMap = new Dictionary<ColumnRole, string> { [ColumnRole.Invoice] = "c1" } });
        Importer.Import(byRecord.Store, path, new ImportOptions { ColumnMap = new Dictionary<ColumnRole, string> { [ColumnRole.Invoice] = "c1" }, ParquetRecordByRecord = true });

        Assert.Equal((2L, 1L, 1L), (typed.LinesRead, typed.LinesLoaded, typed.LinesQuarantined));
        Assert.Equal(Rows(byRecord, Lines), Rows(fixture, Lines));
        Assert.Equal(["3: non-numeric quantity ''"], Rows(fixture, Quarantine));
        Assert.Equal("y,B,,2011-01-02 10:00:00,2.50,c2,8,b", Rows(fixture, "SELECT raw_text FROM quarantine")[0]);
        Assert.Equal("x|A|c1|3.7500", Rows(fixture, "SELECT concat_ws('|', invoice, stock_code, customer_id, amount) FROM raw_lines")[0]);
    }

    [Fact]
    public void Dates_or_numbers_stored_as_text_take_the_text_rules()
    {
        using var fixture = new StoreFixture();
        var path = fixture.Write("text.parquet", "");
        File.Delete(path);
        fixture.Store.Execute($"""
            COPY (SELECT * FROM (VALUES ('1', 'A', 3, '01/02/2011 10:00', 1.5, 'c1'), ('2', 'A', 3, '13/02/2011 10:00', 1.5, 'c1'))
                t(InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID))
            TO '{path}' (FORMAT parquet)
            """);

        var result = Importer.Import(fixture.Store, path, new ImportOptions());

        Assert.False(TakesTheTypedPath(fixture, path));
        Assert.Equal((2L, 2L), (result.LinesRead, result.LinesLoaded));
        Assert.Equal(["2011-02-01", "2011-02-13"], Rows(fixture, "SELECT strftime(invoice_date, '%Y-%m-%d') FROM raw_lines ORDER BY line_number"));
    }

    /// <summary>Whether the set-based path reads the file (it writes nothing here: the view is only built).</summary>
    private static bool TakesTheTypedPath(StoreFixture fixture, string path)
    {
        var columns = fixture.Query($"DESCRIBE SELECT * FROM read_parquet('{path}')", r => (Name: r.GetString(0), Type: r.GetString(1)));
        var mapping = ColumnMapper.Map(columns.Select(c => c.Name).ToList(), new Dictionary<ColumnRole, string>());
        return ParquetTypedImport.View(mapping, columns.Select(c => c.Type).ToList(), $"'{path}'") is not null;
    }

    private static List<string> Rows(StoreFixture fixture, string sql) =>
        fixture.Query(sql, r => string.Join(": ", Enumerable.Range(0, r.FieldCount)
            .Select(i => r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
}
