using Segmenta.Exploration;
using Segmenta.Recommending;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Pipeline;



/// <summary>One cleaning rule's effect.</summary>
public sealed record CleaningRuleRow(string Rule, string Description, long Lines, double Revenue, double LineShare);

/// <summary>One quarantined line.</summary>
public sealed record QuarantinedLine(string Source, long LineNumber, string Reason, string RawText);



/// <summary>One purchase line of a customer.</summary>
public sealed record PurchaseLine(DateTime Date, string? Invoice, string? StockCode, string? Description, double Quantity, double Amount);

/// <summary>A segment's index against the average customer for one feature.</summary>
public sealed record SegmentFeatureIndex(int SegmentId, string Feature, double Mean, double Index);

public static partial class StoredResults
{
    /// <summary>The clustering of the last run, or null when the store has none (<see cref="SegmentationTables.Clustering"/>).</summary>
    public static StoredClustering? Clustering(SegmentaStore store) => SegmentationTables.Clustering(store);

    /// <summary>Every customer on the stored 2-D projection (<see cref="SegmentationTables.Projection"/>).</summary>
    public static IReadOnlyList<ProjectedCustomer> Projection(SegmentaStore store) => SegmentationTables.Projection(store);

    /// <summary>The stored clustering model, or null (<see cref="SegmentationTables.Model"/>).</summary>
    public static SegmentationModel? Model(SegmentaStore store) => SegmentationTables.Model(store);

    /// <summary>A customer's stored recommendations, best first (<see cref="StoredRecommendations.ForCustomer"/>).</summary>
    public static IReadOnlyList<RecommendationRecord> Recommendations(SegmentaStore store, string customerId, int top) => StoredRecommendations.ForCustomer(store, customerId, top);

    /// <summary>Products most often bought with <paramref name="stockCode"/> (<see cref="StoredRecommendations.BoughtTogether"/>).</summary>
    public static IReadOnlyList<BoughtTogetherRecord> BoughtTogether(SegmentaStore store, string stockCode, int top) => StoredRecommendations.BoughtTogether(store, stockCode, top);

    /// <summary>Every stored recommendation by customer (<see cref="StoredRecommendations.All"/>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<RecommendationRecord>> AllRecommendations(SegmentaStore store) => StoredRecommendations.All(store);

    /// <summary>True when the store holds exploration tables (<see cref="Explorer.HasTables"/>).</summary>
    public static bool HasExploration(SegmentaStore store) => Explorer.HasTables(store);



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




    /// <summary>The features of the stored clustering model (empty without clustering).</summary>
    public static IReadOnlyList<string> ClusteringFeatures(SegmentaStore store) => Model(store)?.Features ?? [];


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

}
