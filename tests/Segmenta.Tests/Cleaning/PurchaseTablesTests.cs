using Segmenta.Cleaning;
using Segmenta.Features;
using Segmenta.Generating;
using Segmenta.Loading;
using Segmenta.Recommending;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cleaning;

/// <summary>
/// The integer purchase tables written after cleaning give the recommenders exactly the purchase log the SQL over
/// clean_lines gives, and are not used once the store was cleaned again.
/// </summary>
public sealed class PurchaseTablesTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _shop;

    public PurchaseTablesTests()
    {
        _shop = _directory.File("shop.csv");
        ShopGenerator.Generate(new GenerateOptions { Lines = 12_000, Seed = 7, Format = GeneratedFormat.Csv, OutputPath = _shop });
    }

    [Theory]
    [InlineData(CleaningPreset.Default)]
    [InlineData(CleaningPreset.Classic)] // keeps postage and fees: the loader drops them and the customers who bought only them
    public void The_tables_give_the_log_the_clean_lines_give(CleaningPreset preset)
    {
        using var store = Store(_shop, preset);

        Assert.True(PurchaseTables.IsCurrent(store));
        var fromTables = PurchaseLogLoader.Load(store, new RecommendationOptions(), out _);
        var fromLines = PurchaseLogLoader.Load(store, new RecommendationOptions(), out _, fromCleanLines: true);

        Assert.True(fromTables.Lines > 5_000);
        AssertSameLog(fromLines, fromTables);
    }

    [Fact]
    public void Tables_written_beside_the_cleaning_and_the_features_are_those_written_after_them()
    {
        using var after = Imported(_shop);
        var cleaned = Cleaner.Run(after, new CleaningOptions());
        PurchaseTables.Write(after);
        using var beside = Imported(_shop);

        var (report, purchaseTables) = Cleaner.RunLeavingPurchaseTables(beside, new CleaningOptions());
        using (purchaseTables)
        {
            CustomerFeatures.Compute(beside, new FeatureOptions());
            purchaseTables.Finish(beside);
        }

        Assert.True(PurchaseTables.IsCurrent(beside));
        Assert.False(beside.HasTable("claimed_lines"));
        Assert.Equal(cleaned.Rows, report.Rows);
        Assert.Equal(cleaned.Money, report.Money);
        AssertSameLog(PurchaseLogLoader.Load(after, new RecommendationOptions(), out _), PurchaseLogLoader.Load(beside, new RecommendationOptions(), out _));
    }

    [Fact]
    public void Every_kept_purchase_line_is_in_the_table_once_with_its_keys()
    {
        using var store = Store(_shop, CleaningPreset.Default);

        var kept = store.Query(
            "SELECT count(*), sum(amount), count(DISTINCT customer_id), count(DISTINCT stock_code), count(DISTINCT order_id) FROM clean_lines WHERE coalesce(quantity, 1) > 0 AND customer_id IS NOT NULL AND stock_code IS NOT NULL",
            r => (r.GetInt64(0), r.GetDecimal(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)))[0];
        var table = store.Query(
            "SELECT count(*), sum(amount), max(customer_key) + 1, max(product_key) + 1, count(DISTINCT order_key) FROM purchase_lines",
            r => (r.GetInt64(0), r.GetDecimal(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)))[0];

        Assert.Equal(kept, table);
        // Keys follow the order of the text they stand for.
        var customers = PurchaseTables.Customers(store);
        Assert.Equal(customers.Order(StringComparer.Ordinal), customers);
        Assert.Equal(kept.Item3, customers.Count);
    }

    [Fact]
    public void After_another_cleaning_the_tables_are_not_current_and_the_loader_reads_clean_lines()
    {
        using var store = Store(_shop, CleaningPreset.Default);

        Cleaner.Run(store, new CleaningOptions { Preset = CleaningPreset.Classic });

        Assert.False(PurchaseTables.IsCurrent(store));
        AssertSameLog(PurchaseLogLoader.Load(store, new RecommendationOptions(), out _, fromCleanLines: true), PurchaseLogLoader.Load(store, new RecommendationOptions(), out _));
    }

    [Fact]
    public void The_same_lines_in_another_order_give_the_same_log()
    {
        var lines = File.ReadAllLines(_shop);
        var body = lines[1..];
        new Random(3).Shuffle(body);
        var shuffled = _directory.File("shuffled.csv");
        File.WriteAllLines(shuffled, [lines[0], .. body]);
        using var first = Store(_shop, CleaningPreset.Default);
        using var second = Store(shuffled, CleaningPreset.Default);

        AssertSameLog(PurchaseLogLoader.Load(first, new RecommendationOptions(), out _), PurchaseLogLoader.Load(second, new RecommendationOptions(), out _));
    }

    private SegmentaStore Imported(string file)
    {
        var store = SegmentaStore.Open(_directory.File($"{Guid.NewGuid():N}.duckdb"));
        Importer.Import(store, file, new ImportOptions());
        return store;
    }

    private SegmentaStore Store(string file, CleaningPreset preset)
    {
        var store = Imported(file);
        Cleaner.Run(store, new CleaningOptions { Preset = preset });
        PurchaseTables.Write(store);
        return store;
    }

    private static void AssertSameLog(PurchaseLog expected, PurchaseLog actual)
    {
        Assert.Equal(expected.CustomerIds, actual.CustomerIds);
        Assert.Equal(expected.StockCodes, actual.StockCodes);
        Assert.Equal(expected.Descriptions, actual.Descriptions);
        Assert.Equal(expected.CustomerStart, actual.CustomerStart);
        Assert.Equal(expected.Product, actual.Product);
        Assert.Equal(expected.Order, actual.Order);
        Assert.Equal(expected.Day, actual.Day);
        Assert.Equal(expected.Units, actual.Units);
        Assert.Equal(expected.Revenue, actual.Revenue);
        Assert.Equal(expected.CustomerSegment, actual.CustomerSegment);
        Assert.Equal(expected.SegmentNames, actual.SegmentNames);
        Assert.Equal(expected.CustomerCountry, actual.CustomerCountry);
        Assert.Equal(expected.CountryNames, actual.CountryNames);
        Assert.Equal(expected.LineCountry, actual.LineCountry);
    }

    public void Dispose() => _directory.Dispose();
}
