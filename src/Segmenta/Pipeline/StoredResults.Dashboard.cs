using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>The stored clustering: why k, the table by k, and the projection's explained variance.</summary>
public sealed record StoredClustering(string Segmentation, int K, string Explanation, IReadOnlyList<ModelSelectionRow> Rows, double ExplainedVariance1, double ExplainedVariance2);

/// <summary>One customer on the 2-D projection, with the values shown on hover.</summary>
public sealed record ProjectedCustomer(string CustomerId, int SegmentId, double X, double Y, double Recency, double Frequency, double Monetary);

/// <summary>One cleaning rule's effect.</summary>
public sealed record CleaningRuleRow(string Rule, string Description, long Lines, double Revenue, double LineShare);

/// <summary>One quarantined line.</summary>
public sealed record QuarantinedLine(string Source, long LineNumber, string Reason, string RawText);

/// <summary>One stored recommendation of a customer.</summary>
public sealed record RecommendationRecord(int Rank, string StockCode, string? Description, double Score, string Method, string Reason);

/// <summary>A product often bought in the same invoice as another (association rule X → Y).</summary>
public sealed record BoughtTogetherRecord(string StockCode, string? Description, double Support, double Confidence, double Lift);

/// <summary>One purchase line of a customer.</summary>
public sealed record PurchaseLine(DateTime Date, string? Invoice, string? StockCode, string? Description, double Quantity, double Amount);

/// <summary>A segment's index against the average customer for one feature.</summary>
public sealed record SegmentFeatureIndex(int SegmentId, string Feature, double Mean, double Index);

public static partial class StoredResults
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
                r => new ModelSelectionRow(r.GetString(0) == "gmm" ? ClusteringAlgorithm.GaussianMixture : ClusteringAlgorithm.KMeans, r.GetInt32(1),
                    r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.IsDBNull(6) ? null : r.GetDouble(6), r.IsDBNull(7) ? null : r.GetDouble(7),
                    r.IsDBNull(8) ? null : r.GetDouble(8), r.IsDBNull(9) ? double.NaN : r.GetDouble(9), r.IsDBNull(10) ? double.NaN : r.GetDouble(10),
                    r.GetBoolean(11), r.GetBoolean(12))
                {
                    StabilityLow = r.IsDBNull(13) ? double.NaN : r.GetDouble(13),
                    SmallestShare = r.IsDBNull(14) ? double.NaN : r.GetDouble(14),
                    SetAside = r.IsDBNull(15) ? null : r.GetString(15),
                })
            : [];
        return new StoredClustering(run.Name, run.K, run.Text, rows, run.V1, run.V2);
    }

    /// <summary>Every customer on the stored 2-D projection (empty without clustering).</summary>
    public static IReadOnlyList<ProjectedCustomer> Projection(SegmentaStore store) => !store.HasTable("customer_projection") ? [] : store.Query(
        """
        SELECT p.customer_id, p.segment_id, p.pc1, p.pc2, CAST(c.recency AS DOUBLE), CAST(c.frequency AS DOUBLE), CAST(c.monetary AS DOUBLE)
        FROM customer_projection p JOIN customers c USING (customer_id)
        ORDER BY p.segment_id, p.customer_id
        """,
        r => new ProjectedCustomer(r.GetString(0), r.GetInt32(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.IsDBNull(6) ? double.NaN : r.GetDouble(6)));

    /// <summary>The cleaning report of the last run, rule by rule.</summary>
    public static IReadOnlyList<CleaningRuleRow> Cleaning(SegmentaStore store) => !store.HasTable("cleaning_report") ? [] : store.Query(
        "SELECT rule, description, lines, revenue::DOUBLE, coalesce(line_share, 0) FROM cleaning_report ORDER BY step",
        r => new CleaningRuleRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? double.NaN : r.GetDouble(3), r.GetDouble(4)));

    /// <summary>Quarantined lines whose reason or text contains <paramref name="search"/> (all when empty), first <paramref name="limit"/>.</summary>
    public static (IReadOnlyList<QuarantinedLine> Lines, long Total) Quarantine(SegmentaStore store, string? search, int limit)
    {
        (string, object?)[] filter = [("q", string.IsNullOrWhiteSpace(search) ? null : search.Trim())];
        const string where = "WHERE $q IS NULL OR contains(lower(q.reason), lower($q)) OR contains(lower(q.raw_text), lower($q))";
        var total = store.Scalar<long>($"SELECT count(*) FROM quarantine q {where}", filter);
        var lines = store.Query(
            $"""
            SELECT i.source_name, q.line_number, q.reason, q.raw_text
            FROM quarantine q JOIN imports i USING (import_id) {where}
            ORDER BY q.import_id, q.line_number LIMIT $limit
            """,
            r => new QuarantinedLine(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3)), [.. filter, ("limit", limit)]);
        return (lines, total);
    }

    /// <summary>Feature means and indexes (segment mean / overall mean) of every segment of a segmentation.</summary>
    public static IReadOnlyList<SegmentFeatureIndex> FeatureIndexes(SegmentaStore store, string segmentation) => !store.HasTable("segment_feature_stats") ? [] : store.Query(
        "SELECT segment_id, feature, mean, index FROM segment_feature_stats WHERE segmentation = $s AND index IS NOT NULL ORDER BY segment_id, feature",
        r => new SegmentFeatureIndex(r.GetInt32(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3)), ("s", segmentation));

    /// <summary>Numeric customer features that clustering may use.</summary>
    public static IReadOnlyList<string> ClusterableFeatures(SegmentaStore store) =>
        store.HasTable("customers") ? SegmentationStage.NumericFeatures(store) : [];

    /// <summary>A customer's most recent kept purchase lines, newest first.</summary>
    public static IReadOnlyList<PurchaseLine> PurchaseHistory(SegmentaStore store, string customerId, int limit) => store.Query(
        """
        SELECT invoice_date, invoice, stock_code, description, coalesce(quantity, 0)::DOUBLE, amount::DOUBLE
        FROM clean_lines WHERE customer_id = $id ORDER BY invoice_date DESC, line_number LIMIT $limit
        """,
        r => new PurchaseLine(r.GetDateTime(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
            r.IsDBNull(3) ? null : r.GetString(3), r.GetDouble(4), r.GetDouble(5)), ("id", customerId), ("limit", limit));

    /// <summary>A customer's stored recommendations, best first (empty when none are stored).</summary>
    public static IReadOnlyList<RecommendationRecord> Recommendations(SegmentaStore store, string customerId, int top) => !store.HasTable("recommendations") ? [] : store.Query(
        """
        SELECT rank, stock_code, description, score, method, reason FROM recommendations
        WHERE customer_id = $id ORDER BY rank LIMIT $top
        """,
        r => new RecommendationRecord(Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
            Convert.ToDouble(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture), r.GetString(4), r.GetString(5)), ("id", customerId), ("top", top));

    /// <summary>Products most often bought with <paramref name="stockCode"/>, by lift (empty when none are stored).</summary>
    public static IReadOnlyList<BoughtTogetherRecord> BoughtTogether(SegmentaStore store, string stockCode, int top) => !store.HasTable("product_associations") ? [] : store.Query(
        """
        SELECT other_stock_code, other_description, support, confidence, lift FROM product_associations
        WHERE stock_code = $code ORDER BY rank LIMIT $top
        """,
        r => new BoughtTogetherRecord(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4)),
        ("code", stockCode), ("top", top));

    /// <summary>True when the store holds exploration tables (segmenta analyze or explore ran).</summary>
    public static bool HasExploration(SegmentaStore store) => store.HasTable("exploration_data_quality");

    /// <summary>The features of the stored clustering model (empty without clustering).</summary>
    public static IReadOnlyList<string> ClusteringFeatures(SegmentaStore store) => Model(store)?.Features ?? [];

    /// <summary>The stored clustering model, or null when the store has none.</summary>
    public static SegmentationModel? Model(SegmentaStore store) =>
        store.HasTable("segmentation_runs") && store.Scalar<string>("SELECT model_json FROM segmentation_runs LIMIT 1") is { } json
            ? SegmentationModel.FromJson(json, store.Path)
            : null;

    /// <summary>True when an analysis has computed the customers table.</summary>
    public static bool HasCustomers(SegmentaStore store) => store.HasTable("customers");

    /// <summary>Every customer with features and segments, by id: one pass, for hosts that answer many lookups.</summary>
    public static IReadOnlyDictionary<string, CustomerRecord> AllCustomers(SegmentaStore store)
    {
        if (!store.HasTable("customers"))
        {
            return new Dictionary<string, CustomerRecord>();
        }
        var segments = store.HasTable("customer_segments")
            ? store.Query("SELECT customer_id, segmentation, segment_id, segment_name, probability FROM customer_segments ORDER BY customer_id, segmentation",
                r => (Id: r.GetString(0), Segment: new CustomerSegmentRecord(r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetDouble(4))))
                .ToLookup(x => x.Id, x => x.Segment)
            : Enumerable.Empty<(string, CustomerSegmentRecord)>().ToLookup(x => x.Item1, x => x.Item2);
        return store.Query("SELECT * FROM customers", ReadRow)
            .ToDictionary(row => (string)row["customer_id"]!, row => new CustomerRecord((string)row["customer_id"]!, row, [.. segments[(string)row["customer_id"]!]]));
    }

    /// <summary>Every stored recommendation, grouped by customer and ordered by rank.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<RecommendationRecord>> AllRecommendations(SegmentaStore store) =>
        !store.HasTable("recommendations") ? new Dictionary<string, IReadOnlyList<RecommendationRecord>>() : store.Query(
            "SELECT customer_id, rank, stock_code, description, score, method, reason FROM recommendations ORDER BY customer_id, rank",
            r => (Id: r.GetString(0), Item: new RecommendationRecord(Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), Convert.ToDouble(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture), r.GetString(5), r.GetString(6))))
            .GroupBy(x => x.Id).ToDictionary(g => g.Key, g => (IReadOnlyList<RecommendationRecord>)[.. g.Select(x => x.Item)]);
}
