using Segmenta.Profiling;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Reporting;

/// <summary>Reads the stored evaluation and a few example lists (the two biggest spenders of each segment).</summary>
internal static class RecommendationReportLoader
{
    internal static RecommendationReport? Load(SegmentaStore store)
    {
        if (!store.HasTable("recommendation_evaluation") || !store.HasTable("recommendations"))
        {
            return null;
        }
        var evaluation = store.Query(
            """
            SELECT method, setting, customers, precision, precision_low, precision_high, recall, map, ndcg, hit_rate, coverage, is_default, cutoff, eligible_customers, k
            FROM recommendation_evaluation ORDER BY setting DESC, precision DESC
            """,
            r => new EvaluationRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6),
                r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetBoolean(11), DateOnly.FromDateTime(r.GetDateTime(12)), r.GetInt64(13), r.GetInt32(14)));
        var segmentation = (SegmentCatalog.Primary(store) ?? SegmentationKind.Rfm).Id();
        // The two biggest spenders of each segment and their first five recommendations, read together (one scan of the
        // recommendations instead of one per customer).
        var rows = store.Query(
            """
            WITH examples AS (
                SELECT segment_id, segment_name, customer_id, position FROM (
                    SELECT m.segment_id, coalesce(m.segment_name, 'Segment ' || m.segment_id) AS segment_name, c.customer_id,
                           row_number() OVER (PARTITION BY m.segment_id ORDER BY c.monetary DESC, c.customer_id) AS position
                    FROM customer_segments m JOIN customers c USING (customer_id)
                    WHERE m.segmentation = $s)
                WHERE position <= 2
            ),
            listed AS (
                SELECT customer_id, stock_code, description, reason, row_number() OVER (PARTITION BY customer_id ORDER BY rank) AS k
                FROM recommendations
                WHERE customer_id IN (SELECT customer_id FROM examples)
            )
            SELECT e.segment_name, e.customer_id, coalesce(l.description, l.stock_code), l.reason
            FROM examples e
            LEFT JOIN listed l ON l.customer_id = e.customer_id AND l.k <= 5
            ORDER BY e.segment_id, e.position, l.k
            """,
            r => (Segment: r.GetString(0), Customer: r.GetString(1), Item: r.IsDBNull(2) ? null : r.GetString(2), Reason: r.IsDBNull(3) ? null : r.GetString(3)),
            ("s", segmentation));
        var examples = new List<RecommendationExample>();
        List<(string, string)> items = [];
        foreach (var row in rows)
        {
            if (examples.Count == 0 || examples[^1].CustomerId != row.Customer)
            {
                items = [];
                examples.Add(new RecommendationExample(row.Segment, row.Customer, items));
            }
            if (row.Item is not null)
            {
                items.Add((row.Item, row.Reason!));
            }
        }
        return new RecommendationReport(evaluation, examples) { NewPicks = Recommending.StoredRecommendations.NewPicks(store) };
    }
}
