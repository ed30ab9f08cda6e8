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
        var segments = SegmentationTables.Projection(store).GroupBy(p => p.SegmentId).OrderBy(g => g.Key).Select(g => new ClusterPoints(g.Key,
            names.GetValueOrDefault(g.Key, $"Segment {g.Key}"), [.. g.Select(p => p.X)], [.. g.Select(p => p.Y)],
            [.. g.Select(p => p.Recency)], [.. g.Select(p => p.Frequency)], [.. g.Select(p => p.Monetary)])).ToList();
        return new ClusteringReport(clustering.Segmentation, clustering.K, clustering.Explanation, clustering.Rows,
            clustering.ExplainedVariance1, clustering.ExplainedVariance2, segments)
        {
            Transform = SegmentationTables.Model(store)?.Transform.Describe() ?? [],
        };
    }
}
