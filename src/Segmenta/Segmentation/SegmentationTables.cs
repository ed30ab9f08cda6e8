using Segmenta.Features;
using Segmenta.Store;

namespace Segmenta.Segmentation;

/// <summary>The stored clustering: why k, the table by k, and the projection's explained variance.</summary>
public sealed record StoredClustering(SegmentationKind Segmentation, int K, string Explanation, IReadOnlyList<ModelSelectionRow> Rows, double ExplainedVariance1, double ExplainedVariance2);

/// <summary>One customer on the 2-D projection, with the values shown on hover.</summary>
public sealed record ProjectedCustomer(string CustomerId, int SegmentId, double X, double Y, double Recency, double Frequency, double Monetary);

/// <summary>Typed reads of the tables the segmentation stage writes (segmentation_runs, model_selection, customer_projection).</summary>
public static class SegmentationTables
{
    /// <summary>The clustering of the last run, or null when the store has none.</summary>
    public static StoredClustering? Clustering(SegmentaStore store)
    {
        if (!store.HasTable("segmentation_runs"))
        {
            return null;
        }
        var run = store.Query("SELECT segmentation, k, explanation, explained_variance_1, explained_variance_2 FROM segmentation_runs",
            r => (Name: r.GetString(0), K: r.GetInt32(1), Text: r.GetString(2), V1: r.GetDouble(3), V2: r.GetDouble(4))).FirstOrDefault();
        if (run.Name is null)
        {
            return null;
        }
        var rows = store.HasTable("model_selection")
            ? store.Query(
                """
                SELECT algorithm, k, inertia, silhouette, davies_bouldin, calinski_harabasz, bic, aic, mean_log_likelihood,
                       stability_mean, stability_std, is_knee, chosen, stability_low, smallest_share, set_aside
                FROM model_selection ORDER BY k
                """,
                r => new ModelSelectionRow(SegmentationKinds.Parse(r.GetString(0)).Algorithm() ?? ClusteringAlgorithm.KMeans, r.GetInt32(1),
                    r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.IsDBNull(6) ? null : r.GetDouble(6), r.IsDBNull(7) ? null : r.GetDouble(7),
                    r.IsDBNull(8) ? null : r.GetDouble(8), r.IsDBNull(9) ? double.NaN : r.GetDouble(9), r.IsDBNull(10) ? double.NaN : r.GetDouble(10),
                    r.GetBoolean(11), r.GetBoolean(12))
                {
                    StabilityLow = r.IsDBNull(13) ? double.NaN : r.GetDouble(13),
                    SmallestShare = r.IsDBNull(14) ? double.NaN : r.GetDouble(14),
                    SetAside = r.IsDBNull(15) ? null : r.GetString(15),
                })
            : [];
        return new StoredClustering(SegmentationKinds.Parse(run.Name), run.K, run.Text, rows, run.V1, run.V2);
    }

    /// <summary>Every customer on the stored 2-D projection (empty without clustering).</summary>
    public static IReadOnlyList<ProjectedCustomer> Projection(SegmentaStore store) => !store.HasTable("customer_projection") ? [] : store.Query(
        """
        SELECT p.customer_id, p.segment_id, p.pc1, p.pc2, CAST(c.recency AS DOUBLE), CAST(c.frequency AS DOUBLE), CAST(c.monetary AS DOUBLE)
        FROM customer_projection p JOIN customers c USING (customer_id)
        ORDER BY p.segment_id, p.customer_id
        """,
        r => new ProjectedCustomer(r.GetString(0), r.GetInt32(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.IsDBNull(6) ? double.NaN : r.GetDouble(6)));

    /// <summary>The stored clustering model, or null when the store has none.</summary>
    public static SegmentationModel? Model(SegmentaStore store) =>
        store.HasTable("segmentation_runs") && store.Scalar<string>("SELECT model_json FROM segmentation_runs LIMIT 1") is { } json
            ? SegmentationModel.FromJson(json, store.Path)
            : null;

    /// <summary>The features of the stored clustering model (empty without clustering).</summary>
    public static IReadOnlyList<string> ClusteringFeatures(SegmentaStore store) => Model(store)?.Features ?? [];

    /// <summary>Numeric customer features that clustering may use (empty before the first analysis).</summary>
    public static IReadOnlyList<string> ClusterableFeatures(SegmentaStore store) =>
        CustomerTable.Exists(store) ? SegmentationStage.NumericFeatures(store) : [];
}
