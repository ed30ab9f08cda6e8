using Segmenta.Profiling;
using Segmenta.Recommending;
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
            SELECT method, setting, customers, precision, precision_low, precision_high, recall, map, ndcg, hit_rate, coverage, is_default, cutoff, eligible_customers
            FROM recommendation_evaluation ORDER BY setting DESC, precision DESC
            """,
            r => new EvaluationRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6),
                r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetBoolean(11), DateOnly.FromDateTime(r.GetDateTime(12)), r.GetInt64(13)));
        var segmentation = (SegmentCatalog.Primary(store) ?? SegmentationKind.Rfm).Id();
        var customers = store.Query(
            """
            SELECT segment_name, customer_id FROM (
                SELECT m.segment_id, coalesce(m.segment_name, 'Segment ' || m.segment_id) AS segment_name, c.customer_id,
                       row_number() OVER (PARTITION BY m.segment_id ORDER BY c.monetary DESC, c.customer_id) AS position
                FROM customer_segments m JOIN customers c USING (customer_id)
                WHERE m.segmentation = $s)
            WHERE position <= 2 ORDER BY segment_id, position
            """,
            r => (Segment: r.GetString(0), Customer: r.GetString(1)), ("s", segmentation));
        var examples = customers.Select(c => new RecommendationExample(c.Segment, c.Customer,
            StoredRecommendations.ForCustomer(store, c.Customer, 5).Select(r => (r.Description ?? r.StockCode, r.Reason)).ToList())).ToList();
        return new RecommendationReport(evaluation, examples);
    }
}
