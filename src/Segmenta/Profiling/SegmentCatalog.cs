using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Profiling;

/// <summary>One segment as stored: size, revenue, name, explanation and action.</summary>
public sealed record SegmentRecord(SegmentationKind Segmentation, int SegmentId, string Name, long Customers, double CustomerShare, double Revenue,
    double RevenueShare, string Explanation, double Fidelity, string Action);

/// <summary>A page of items and the total count.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

/// <summary>A segment's index against the average customer for one feature.</summary>
public sealed record SegmentFeatureIndex(int SegmentId, string Feature, double Mean, double Index);

/// <summary>Typed reads of the segment catalog and profiles the profiling stage writes (<c>segment_profiles.sql</c>).</summary>
public static class SegmentCatalog
{
    /// <summary>The primary segmentation: clusters when present, else RFM.</summary>
    public static SegmentationKind? Primary(SegmentaStore store) =>
        store.HasTable("segment_catalog")
        && store.Scalar<string>("SELECT segmentation FROM segment_catalog GROUP BY segmentation ORDER BY segmentation = 'rfm', segmentation LIMIT 1") is { } id
            ? SegmentationKinds.Parse(id)
            : null;

    /// <summary>The segments of every segmentation (or of one), clusters before RFM.</summary>
    public static IReadOnlyList<SegmentRecord> Segments(SegmentaStore store, SegmentationKind? segmentation = null) => !store.HasTable("segment_catalog") ? [] : store.Query(
        """
        SELECT c.segmentation, c.segment_id, c.name, m.customers, m.customer_share, m.revenue, m.revenue_share,
               c.explanation, c.explanation_fidelity, c.action
        FROM segment_catalog c JOIN segment_summary m USING (segmentation, segment_id)
        WHERE $s IS NULL OR c.segmentation = $s
        ORDER BY c.segmentation = 'rfm', c.segmentation, c.segment_id
        """,
        r => new SegmentRecord(SegmentationKinds.Parse(r.GetString(0)), r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6),
            r.GetString(7), r.GetDouble(8), r.GetString(9)),
        ("s", segmentation?.Id()));

    /// <summary>A page of a segment's customers, largest spenders first; null when the segment does not exist.</summary>
    public static Page<IReadOnlyDictionary<string, object?>>? SegmentCustomers(SegmentaStore store, SegmentationKind segmentation, int segmentId, int page, int pageSize)
    {
        if (!store.HasTable("customer_segments"))
        {
            return null;
        }
        (string, object?)[] key = [("s", segmentation.Id()), ("i", segmentId)];
        var total = store.Scalar<long>("SELECT count(*) FROM customer_segments WHERE segmentation = $s AND segment_id = $i", key);
        if (total == 0)
        {
            return null;
        }
        var items = store.Query(
            """
            SELECT c.customer_id, c.main_country, c.recency, c.frequency, c.monetary, c.rfm_segment, m.probability
            FROM customer_segments m JOIN customers c USING (customer_id)
            WHERE m.segmentation = $s AND m.segment_id = $i
            ORDER BY c.monetary DESC, c.customer_id
            LIMIT $limit OFFSET $offset
            """,
            StoredRow.Read, [.. key, ("limit", pageSize), ("offset", (page - 1) * pageSize)]);
        return new Page<IReadOnlyDictionary<string, object?>>(items, page, pageSize, total);
    }

    /// <summary>Feature means and indexes (segment mean / overall mean) of every segment of a segmentation.</summary>
    public static IReadOnlyList<SegmentFeatureIndex> FeatureIndexes(SegmentaStore store, SegmentationKind segmentation) => !store.HasTable("segment_feature_stats") ? [] : store.Query(
        "SELECT segment_id, feature, mean, index FROM segment_feature_stats WHERE segmentation = $s AND index IS NOT NULL ORDER BY segment_id, feature",
        r => new SegmentFeatureIndex(r.GetInt32(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3)), ("s", segmentation.Id()));
}
