using Segmenta.Cleaning;
using Segmenta.Generating;
using Segmenta.Loading;
using Segmenta.Recommending;
using Segmenta.Segmentation;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Recommending;

/// <summary>
/// The purchase log can be read while the segments are still being named beside (the pipeline starts recommending with
/// profiling): the purchases are read first, and the segments only once the host's wait has returned.
/// </summary>
public sealed class PurchaseLogLoaderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_reads_the_segments_after_the_wait_for_their_names(bool fromCleanLines)
    {
        using var store = ClusteredStore();
        var waited = 0;

        var log = PurchaseLogLoader.Load(store, new RecommendationOptions(), out var segmentation, fromCleanLines, segmentsNamed: () =>
        {
            waited++;
            store.Execute("UPDATE customer_segments SET segment_name = 'named ' || segment_id");
        });

        Assert.Equal(1, waited);
        Assert.Equal(SegmentationKind.KMeans, segmentation);
        Assert.Equal(["named 0", "named 1"], log.SegmentNames.Order());
        // Without the wait the same store gives the unnamed labels: the names above were read after it.
        using var unnamed = ClusteredStore();
        Assert.Equal(["segment 0", "segment 1"], PurchaseLogLoader.Load(unnamed, new RecommendationOptions(), out _, fromCleanLines).SegmentNames.Order());
    }

    [Fact]
    public void Load_has_read_the_purchases_before_it_waits_for_the_segments()
    {
        using var store = ClusteredStore();
        var expected = PurchaseLogLoader.Load(store, new RecommendationOptions(), out _);

        // The purchase tables are gone while the loader waits: it must have read them already.
        var log = PurchaseLogLoader.Load(store, new RecommendationOptions(), out _, segmentsNamed: () => store.Execute("ALTER TABLE purchase_lines RENAME TO purchase_lines_gone"));

        Assert.Equal(expected.Lines, log.Lines);
        Assert.Equal(expected.CustomerIds, log.CustomerIds);
        Assert.Equal(expected.Product, log.Product);
        Assert.Equal(expected.CustomerSegment, log.CustomerSegment);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A cleaned shop with its purchase tables and a two-segment clustering whose segments have no names yet.</summary>
    private SegmentaStore ClusteredStore()
    {
        var shop = _directory.File("shop.csv");
        if (!File.Exists(shop))
        {
            ShopGenerator.Generate(new GenerateOptions { Lines = 6_000, Seed = 11, Format = GeneratedFormat.Csv, OutputPath = shop });
        }
        var store = SegmentaStore.Open(_directory.File($"{Guid.NewGuid():N}.duckdb"));
        Importer.Import(store, shop, new ImportOptions());
        Cleaner.Run(store, new CleaningOptions());
        PurchaseTables.Write(store);
        SegmentMembership.EnsureTable(store);
        store.Execute("""
            INSERT INTO customer_segments (segmentation, customer_id, segment_id)
            SELECT 'kmeans', customer_id, (hash(customer_id) % 2)::INTEGER FROM (SELECT DISTINCT customer_id FROM clean_lines WHERE customer_id IS NOT NULL)
            """);
        return store;
    }
}
