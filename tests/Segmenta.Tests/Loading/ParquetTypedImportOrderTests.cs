using Segmenta.Generating;
using Segmenta.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Loading;

/// <summary>
/// The set-based Parquet path reads row groups on every thread: the lines it stores, and so every result, must not depend
/// on the order of the rows in the file, on how the file is cut into row groups, or on the order in which threads finish.
/// </summary>
public class ParquetTypedImportOrderTests
{
    [Fact]
    public void A_shuffled_copy_cut_into_other_row_groups_gives_byte_identical_outputs()
    {
        using var directory = new TempDirectory();
        var shop = directory.File("shop.parquet");
        ShopGenerator.Generate(new GenerateOptions { Lines = 8_000, Seed = 5, Format = GeneratedFormat.Parquet, OutputPath = shop });
        var shuffled = directory.File("shuffled.parquet");
        using (var scratch = new StoreFixture())
        {
            // A seeded order that has nothing to do with the file's (hash of every cell and the row number), row groups of
            // 777 rows where the generator writes 122,880.
            scratch.Store.Execute($"""
                COPY (SELECT * EXCLUDE (file_row_number) FROM read_parquet('{shop}', file_row_number = true)
                      ORDER BY hash(InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country, file_row_number))
                TO '{shuffled}' (FORMAT parquet, ROW_GROUP_SIZE 777)
                """);
            Assert.True(scratch.Scalar<long>($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{shuffled}')") > 2);
            Assert.NotEqual(FirstInvoices(scratch, shop), FirstInvoices(scratch, shuffled));
        }

        var expected = Outputs(directory, shop, "out-shop");
        var actual = Outputs(directory, shuffled, "out-shuffled");

        Assert.Equal(expected.Keys, actual.Keys);
        Assert.Contains("customers.csv", expected.Keys);
        foreach (var (file, text) in expected)
        {
            Assert.True(text == actual[file], $"{file} differs between the file and its shuffled copy");
        }
        using var reader = Segmenta.Store.SegmentaStore.Open(Path.Combine(directory.File("out-shuffled"), "segmenta.duckdb"));
        // Each stored line's number is the row of the file it came from (the header is line 1); dates are kept to the second.
        Assert.Equal(0L, reader.Scalar<long>($"""
            SELECT count(*) FROM raw_lines r
            LEFT JOIN read_parquet('{shuffled}', file_row_number = true) f ON f.file_row_number + 2 = r.line_number
            WHERE f.InvoiceNo IS DISTINCT FROM r.invoice OR f.StockCode IS DISTINCT FROM r.stock_code OR f.Quantity IS DISTINCT FROM r.quantity
                  OR f.CustomerID IS DISTINCT FROM r.customer_id OR date_trunc('second', f.InvoiceDate) IS DISTINCT FROM r.invoice_date
            """));
        Assert.Equal(8_000L, reader.Scalar<long>("SELECT count(DISTINCT line_number) FROM raw_lines"));
    }

    private static List<string> FirstInvoices(StoreFixture fixture, string path) =>
        fixture.Query($"SELECT InvoiceNo FROM read_parquet('{path}') LIMIT 20", r => r.GetString(0));

    /// <summary>Runs the analysis (no recommendations) and returns every CSV and text output by relative path.</summary>
    private static Dictionary<string, string> Outputs(TempDirectory directory, string input, string folder)
    {
        var root = directory.File(folder);
        AnalysisPipeline.Run(new AnalysisOptions
        {
            Inputs = [input],
            OutputDirectory = root,
            Recommendation = null,
        });
        return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => File.ReadAllText(f, System.Text.Encoding.UTF8));
    }
}
