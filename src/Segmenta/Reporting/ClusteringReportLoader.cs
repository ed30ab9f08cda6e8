using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Reporting;

/// <summary>Reads the stored clustering (the same typed reads the dashboard uses) and groups customers by segment for the report.</summary>
internal static class ClusteringReportLoader
{
    internal static ClusteringReport? Load(SegmentaStore store)
    {
        if (SegmentationTables.Clustering(store) is not { } clustering)
        {
            return null;
        }
        var names = store.HasTable("segment_catalog")
            ? store.Query("SELECT segment_id, name FROM segment_catalog WHERE segmentation = $s", r => (Id: r.GetInt32(0), Name: r.GetString(1)), ("s", clustering.Segmentation.Id()))
                .ToDictionary(x => x.Id, x => x.Name)
            : [];
        var projection = SegmentationTables.Projection(store);
        // The scatter draws a stated sample above ScatterSample.Limit customers; the box plots use every customer.
        var drawn = ScatterSample.Keep([.. projection.Select(p => p.CustomerId)]);
        var segments = projection.Select((p, i) => (Point: p, Drawn: drawn[i])).GroupBy(x => x.Point.SegmentId).OrderBy(g => g.Key).Select(g => new ClusterPoints(g.Key,
            names.GetValueOrDefault(g.Key, $"Segment {g.Key}"), [.. g.Where(x => x.Drawn).Select(x => x.Point.X)], [.. g.Where(x => x.Drawn).Select(x => x.Point.Y)],
            [.. g.Select(x => x.Point.Recency)], [.. g.Select(x => x.Point.Frequency)], [.. g.Select(x => x.Point.Monetary)])).ToList();
        return new ClusteringReport(clustering.Segmentation, clustering.K, clustering.Explanation, clustering.Rows,
            clustering.ExplainedVariance1, clustering.ExplainedVariance2, segments)
        {
            Transform = SegmentationTables.Model(store)?.Transform.Describe() ?? [],
        };
    }
}
