using System.Globalization;
using System.Text;
using Segmenta.Loading;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Loading;

public class RowGroupWritingTests
{
    [Fact]
    public void Import_of_a_text_file_of_several_row_groups_keeps_every_line_and_sets_the_engine_back()
    {
        // 250,000 lines: two full DuckDB row groups (122,880 rows) written while parsing, and a third at the end.
        const int lines = 250_000;
        var text = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        for (var i = 0; i < lines; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{500_000 + (i / 4)},P{i % 997},PRODUCT {i % 997},{(i % 50) + 1},2011-{(i % 12) + 1:00}-{(i % 28) + 1:00} 10:00:00,1.25,{12_000 + (i % 3_000)},UK\n");
        }
        using var fixture = new StoreFixture();
        fixture.Store.Execute("SET threads = 2; SET write_buffer_row_group_count = 5");

        var result = fixture.Import(text.ToString());

        Assert.Equal((lines, 0L), (result.LinesLoaded, result.LinesQuarantined));
        Assert.Equal((250_000L, 2L, 250_001L, 250_000L),
            fixture.Query("SELECT count(*), min(line_number), max(line_number), count(DISTINCT line_number) FROM raw_lines", r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)))[0]);
        Assert.Equal(Enumerable.Range(0, lines).Sum(i => (long)((i % 50) + 1)), fixture.Scalar<long>("SELECT sum(quantity)::BIGINT FROM raw_lines"));
        Assert.Equal("P996", fixture.Scalar<string>("SELECT stock_code FROM raw_lines WHERE line_number = 998"));
        Assert.Equal("2", fixture.Store.Scalar<string>("SELECT current_setting('threads')"));
        Assert.Equal("5", fixture.Store.Scalar<string>("SELECT current_setting('write_buffer_row_group_count')"));
        Assert.Equal("", fixture.Store.Scalar<string>("SELECT current_setting('disabled_compression_methods')"));
    }

    [Fact]
    public void Import_into_a_store_of_the_older_format_compresses_its_row_groups_without_FSST()
    {
        // Descriptions all different but alike: no dictionary pays for them, FSST does (the control copy shows it). A full
        // row group and more, so that the first is compressed while the lines are read (a smaller rest goes through the
        // write-ahead log and is compressed by a later checkpoint).
        var text = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        for (var i = 0; i < 130_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{500_000 + i},P{i % 97},VINTAGE HEART SHAPED CHRISTMAS DECORATION NUMBER {i * 7919},1,2011-01-01 10:00:00,1.25,{12_000 + (i % 300)},UK\n");
        }
        using var directory = new TempDirectory();
        var path = directory.File("older.duckdb");
        using (var older = new DuckDB.NET.Data.DuckDBConnection($"DataSource={path}"))
        {
            older.Open(); // created in DuckDB.NET's default format, as stores were before session 14
        }
        using var store = SegmentaStore.Open(path);

        Importer.Import(store, directory.Write("lines.csv", text.ToString()), new ImportOptions());
        store.Execute("CREATE TABLE control AS SELECT * FROM raw_lines; CHECKPOINT");

        const string FsstSegments = "SELECT count(*) FROM pragma_storage_info('{0}') WHERE row_group_id = 0 AND segment_type = 'VARCHAR' AND compression = 'FSST'";
        Assert.True(store.Scalar<long>(string.Format(CultureInfo.InvariantCulture, FsstSegments, "control")) > 0);
        Assert.Equal(0, store.Scalar<long>(string.Format(CultureInfo.InvariantCulture, FsstSegments, "raw_lines")));
    }
}
