using System.Data.Common;
using Segmenta.Profiling;
using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>A customer's row of the customers table, by column name (features, RFM scores and segment).</summary>
public sealed record CustomerRecord(string CustomerId, IReadOnlyDictionary<string, object?> Features, IReadOnlyList<CustomerSegmentRecord> Segments);

/// <summary>A customer's segment in one segmentation.</summary>
public sealed record CustomerSegmentRecord(string Segmentation, int SegmentId, string? Name, double? Probability);

/// <summary>One segment as stored: size, revenue, name, explanation and action.</summary>
public sealed record SegmentRecord(string Segmentation, int SegmentId, string Name, long Customers, double CustomerShare, double Revenue,
    double RevenueShare, string Explanation, double Fidelity, string Action);

/// <summary>A page of items and the total count.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total);

/// <summary>What the store holds, in a line.</summary>
public sealed record StoreHealth(long Lines, long Customers, DateTime? LastRun);

/// <summary>Typed reads of what an analysis left in the store, for hosts (web API, dashboard).</summary>
public static partial class StoredResults
{
    /// <summary>Counts of lines and customers and the time of the last run.</summary>
    public static StoreHealth Health(SegmentaStore store) => new(
        store.Scalar<long>("SELECT count(*) FROM raw_lines"),
        store.HasTable("customers") ? store.Scalar<long>("SELECT count(*) FROM customers") : 0,
        store.Scalar<DateTime?>("SELECT max(started_at) FROM runs"));

    /// <summary>The customer, or null when the id is unknown.</summary>
    public static CustomerRecord? Customer(SegmentaStore store, string customerId)
    {
        var features = store.Query("SELECT * FROM customers WHERE customer_id = $id", ReadRow, ("id", customerId)).FirstOrDefault();
        if (features is null)
        {
            return null;
        }
        var segments = store.HasTable("customer_segments")
            ? store.Query("SELECT segmentation, segment_id, segment_name, probability FROM customer_segments WHERE customer_id = $id ORDER BY segmentation",
                r => new CustomerSegmentRecord(r.GetString(0), r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetDouble(3)),
                ("id", customerId))
            : [];
        return new CustomerRecord(customerId, features, segments);
    }

    /// <summary>The segments of every segmentation (or of one).</summary>
    public static IReadOnlyList<SegmentRecord> Segments(SegmentaStore store, string? segmentation = null)
    {
        if (!store.HasTable("segment_catalog"))
        {
            return [];
        }
        return store.Query(
            """
            SELECT c.segmentation, c.segment_id, c.name, m.customers, m.customer_share, m.revenue, m.revenue_share,
                   c.explanation, c.explanation_fidelity, c.action
            FROM segment_catalog c JOIN segment_summary m USING (segmentation, segment_id)
            WHERE $s IS NULL OR c.segmentation = $s
            ORDER BY c.segmentation = 'rfm', c.segmentation, c.segment_id
            """,
            r => new SegmentRecord(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6),
                r.GetString(7), r.GetDouble(8), r.GetString(9)),
            ("s", segmentation));
    }

    /// <summary>The primary segmentation: clusters when present, else RFM (<see cref="SegmentCatalog.Primary"/>).</summary>
    public static string? PrimarySegmentation(SegmentaStore store) => SegmentCatalog.Primary(store);

    /// <summary>A page of a segment's customers, largest spenders first; null when the segment does not exist.</summary>
    public static Page<IReadOnlyDictionary<string, object?>>? SegmentCustomers(SegmentaStore store, string segmentation, int segmentId, int page, int pageSize)
    {
        if (!store.HasTable("customer_segments"))
        {
            return null;
        }
        (string, object?)[] key = [("s", segmentation), ("i", segmentId)];
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
            ReadRow, [.. key, ("limit", pageSize), ("offset", (page - 1) * pageSize)]);
        return new Page<IReadOnlyDictionary<string, object?>>(items, page, pageSize, total);
    }

    private static IReadOnlyDictionary<string, object?> ReadRow(DbDataReader r)
    {
        var row = new Dictionary<string, object?>();
        for (var i = 0; i < r.FieldCount; i++)
        {
            row[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i) switch
            {
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                System.Numerics.BigInteger b => (long)b,
                var value => value,
            };
        }
        return row;
    }
}
