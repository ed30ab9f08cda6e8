using System.Globalization;
using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>One stored recommendation of a customer.</summary>
public sealed record RecommendationRecord(int Rank, string StockCode, string? Description, double Score, string Method, string Reason);

/// <summary>A product often bought in the same invoice as another (association rule X → Y).</summary>
public sealed record BoughtTogetherRecord(string StockCode, string? Description, double Support, double Confidence, double Lift);

/// <summary>Typed reads of the tables the recommending stage writes (recommendations, product_associations, recommendation_new_picks).</summary>
public static class StoredRecommendations
{
    /// <summary>A customer's stored recommendations, best first (empty when none are stored).</summary>
    public static IReadOnlyList<RecommendationRecord> ForCustomer(SegmentaStore store, string customerId, int top) => !store.HasTable("recommendations") ? [] : store.Query(
        """
        SELECT rank, stock_code, description, score, method, reason FROM recommendations
        WHERE customer_id = $id ORDER BY rank LIMIT $top
        """,
        r => new RecommendationRecord(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
            Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture), r.GetString(4), r.GetString(5)), ("id", customerId), ("top", top));

    /// <summary>Products most often bought with <paramref name="stockCode"/>, by lift (empty when none are stored).</summary>
    public static IReadOnlyList<BoughtTogetherRecord> BoughtTogether(SegmentaStore store, string stockCode, int top) => !store.HasTable("product_associations") ? [] : store.Query(
        """
        SELECT other_stock_code, other_description, support, confidence, lift FROM product_associations
        WHERE stock_code = $code ORDER BY rank LIMIT $top
        """,
        r => new BoughtTogetherRecord(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4)),
        ("code", stockCode), ("top", top));

    /// <summary>What ranked the new picks in the stored run, the evaluation's choice first (empty when none is stored).</summary>
    public static IReadOnlyList<NewPicksChoice> NewPicks(SegmentaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return NewPicksRecords.Load(store);
    }

    /// <summary>Every stored recommendation, grouped by customer and ordered by rank.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<RecommendationRecord>> All(SegmentaStore store) =>
        !store.HasTable("recommendations") ? new Dictionary<string, IReadOnlyList<RecommendationRecord>>() : store.Query(
            "SELECT customer_id, rank, stock_code, description, score, method, reason FROM recommendations ORDER BY customer_id, rank",
            r => (Id: r.GetString(0), Item: new RecommendationRecord(Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), Convert.ToDouble(r.GetValue(4), CultureInfo.InvariantCulture), r.GetString(5), r.GetString(6))))
            .GroupBy(x => x.Id).ToDictionary(g => g.Key, g => (IReadOnlyList<RecommendationRecord>)[.. g.Select(x => x.Item)]);
}
