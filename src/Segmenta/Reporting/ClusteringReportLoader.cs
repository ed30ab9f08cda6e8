using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Reporting;

/// <summary>Reads the stored clustering (segmentation_runs, model_selection, customer_projection) for the report.</summary>
internal static class ClusteringReportLoader
{
    internal static ClusteringReport? Load(SegmentaStore store)
    {
        if (!store.HasTable("segmentation_runs") || !store.HasTable("customer_projection"))
        {
            return null;
        }
        var runs = store.Query("SELECT segmentation, k, explanation, explained_variance_1, explained_variance_2 FROM segmentation_runs",
            r => (Name: r.GetString(0), K: r.GetInt32(1), Explanation: r.GetString(2), V1: r.GetDouble(3), V2: r.GetDouble(4)));
        if (runs.Count == 0)
        {
            return null;
        }
        var run = runs[0];
        var selection = store.HasTable("model_selection")
            ? store.Query(
                """
                SELECT algorithm, k, inertia, silhouette, davies_bouldin, calinski_harabasz, bic, aic, mean_log_likelihood,
                       stability_mean, stability_std, is_knee, chosen
                FROM model_selection ORDER BY k
                """,
                r => new ModelSelectionRow(r.GetString(0) == "gmm" ? ClusteringAlgorithm.GaussianMixture : ClusteringAlgorithm.KMeans, r.GetInt32(1),
                    r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.IsDBNull(6) ? null : r.GetDouble(6), r.IsDBNull(7) ? null : r.GetDouble(7),
                    r.IsDBNull(8) ? null : r.GetDouble(8), r.IsDBNull(9) ? double.NaN : r.GetDouble(9), r.IsDBNull(10) ? double.NaN : r.GetDouble(10),
                    r.GetBoolean(11), r.GetBoolean(12)))
            : [];
        var points = store.Query(
            """
            SELECT p.segment_id, coalesce(c.name, 'Segment ' || p.segment_id), p.pc1, p.pc2,
                   CAST(u.recency AS DOUBLE), CAST(u.frequency AS DOUBLE), CAST(u.monetary AS DOUBLE)
            FROM customer_projection p
            JOIN customers u USING (customer_id)
            LEFT JOIN segment_catalog c ON c.segmentation = p.segmentation AND c.segment_id = p.segment_id
            ORDER BY p.segment_id, p.customer_id
            """,
            r => (Id: r.GetInt32(0), Name: r.GetString(1), X: r.GetDouble(2), Y: r.GetDouble(3), R: r.GetDouble(4), F: r.GetDouble(5), M: r.GetDouble(6)));
        var segments = points.GroupBy(p => (p.Id, p.Name)).Select(g => new ClusterPoints(g.Key.Id, g.Key.Name,
            [.. g.Select(p => p.X)], [.. g.Select(p => p.Y)], [.. g.Select(p => p.R)], [.. g.Select(p => p.F)], [.. g.Select(p => p.M)])).ToList();
        return new ClusteringReport(run.Name, run.K, run.Explanation, selection, run.V1, run.V2, segments);
    }
}
