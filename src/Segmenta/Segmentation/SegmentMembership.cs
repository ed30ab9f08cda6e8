using Segmenta.Store;

namespace Segmenta.Segmentation;

/// <summary>
/// Who is in which segment, for every segmentation of a run ("rfm", "kmeans", "gmm"), in the table
/// customer_segments(segmentation, customer_id, segment_id, segment_name, probability). Profiles, exports, the report
/// and the dashboard all read segments from there.
/// </summary>
public static class SegmentMembership
{
    /// <summary>Creates the table (customer_segments.sql) when missing; <paramref name="temporary"/> makes a session-only empty one for readers of a store without segments.</summary>
    internal static void EnsureTable(SegmentaStore store, bool temporary = false)
    {
        var ddl = SqlScripts.Get("Segmentation/customer_segments.sql");
        store.Execute(temporary ? ddl.Replace("CREATE TABLE", "CREATE TEMP TABLE", StringComparison.Ordinal) : ddl);
    }

    /// <summary>Replaces the RFM segmentation: segments numbered by descending revenue, named by the RFM map.</summary>
    public static void WriteRfm(SegmentaStore store)
    {
        EnsureTable(store);
        store.Execute(
            """
            DELETE FROM customer_segments WHERE segmentation = 'rfm';
            INSERT INTO customer_segments
            SELECT 'rfm', c.customer_id, s.segment_id, c.rfm_segment, NULL
            FROM customers c
            JOIN (SELECT rfm_segment, CAST(row_number() OVER (ORDER BY sum(monetary) DESC, rfm_segment) - 1 AS INTEGER) AS segment_id
                  FROM customers GROUP BY rfm_segment) s USING (rfm_segment);
            """);
    }

    /// <summary>Replaces one segmentation with the given memberships (names may be filled in later by profiling).</summary>
    public static void Write(SegmentaStore store, SegmentationKind segmentation, IEnumerable<(string CustomerId, int SegmentId, double? Probability)> members)
    {
        EnsureTable(store);
        store.Execute("DELETE FROM customer_segments WHERE segmentation = $s", ("s", segmentation.Id()));
        using var appender = store.Connection.CreateAppender("customer_segments");
        foreach (var (customerId, segmentId, probability) in members)
        {
            appender.CreateRow().AppendValue(segmentation.Id()).AppendValue(customerId).AppendValue(segmentId).AppendNullValue().AppendValue(probability).EndRow();
        }
    }

    /// <summary>Sets the names of a segmentation's segments.</summary>
    internal static void Rename(SegmentaStore store, SegmentationKind segmentation, IReadOnlyDictionary<int, string> names)
    {
        if (names.Count == 0)
        {
            return;
        }
        // One statement for all the segments: each UPDATE reads the whole table, and a statement's fixed cost is more
        // than its rows' on small data.
        var segments = names.OrderBy(n => n.Key).ToList();
        var cases = string.Concat(segments.Select((_, j) => $" WHEN $i{j} THEN $n{j}"));
        var ids = string.Join(", ", segments.Select((_, j) => $"$i{j}"));
        var parameters = segments.SelectMany((n, j) => new (string, object?)[] { ($"i{j}", n.Key), ($"n{j}", n.Value) }).Append(("s", segmentation.Id())).ToArray();
        store.Execute($"UPDATE customer_segments SET segment_name = CASE segment_id{cases} END WHERE segmentation = $s AND segment_id IN ({ids})", parameters);
    }
}
