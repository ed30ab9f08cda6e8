using Segmenta.Store;

namespace Segmenta.Profiling;

/// <summary>Typed reads of the segment catalog the profiling stage writes.</summary>
public static class SegmentCatalog
{
    /// <summary>The primary segmentation: clusters when present, else RFM.</summary>
    public static string? Primary(SegmentaStore store) =>
        store.HasTable("segment_catalog")
            ? store.Scalar<string>("SELECT segmentation FROM segment_catalog GROUP BY segmentation ORDER BY segmentation = 'rfm', segmentation LIMIT 1")
            : null;
}
