using System.Data.Common;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Categories;

/// <summary>
/// Typed reads and writes of the category stage's tables (product_categories, customer_category_spend, category_summary,
/// segment_category_preferences), for the pipeline, the report and the dashboard. Every read is empty when the store has
/// no categories (an older store, or data with neither descriptions nor a category column).
/// </summary>
public static class CategoryTables
{
    /// <summary>True when the store holds product categories.</summary>
    public static bool Exist(SegmentaStore store) => store.HasTable("product_categories") && store.HasTable("category_summary");

    internal static void Save(SegmentaStore store, IEnumerable<ProductCategory> products)
    {
        store.Execute(SqlScripts.Get("Categories/category_tables.sql"));
        using var appender = store.Connection.CreateAppender("product_categories");
        foreach (var p in products)
        {
            appender.CreateRow().AppendValue(p.Product).AppendValue(p.Description).AppendValue(p.Category).AppendValue(p.Matched).EndRow();
        }
    }

    /// <summary>Removes the tables, so a run without categories leaves none from an earlier run.</summary>
    internal static void Clear(SegmentaStore store) =>
        store.Execute("DROP TABLE IF EXISTS product_categories; DROP TABLE IF EXISTS customer_category_spend; DROP TABLE IF EXISTS category_summary; DROP TABLE IF EXISTS segment_category_preferences");

    /// <summary>The categories by descending revenue (out/exploration/categories.csv).</summary>
    public static IReadOnlyList<CategoryRow> LoadSummary(SegmentaStore store) => !Exist(store) ? [] : store.Query(
        "SELECT category, products, lines, quantity, revenue, customers, returned_quantity, returned_value, net_revenue, revenue_share FROM category_summary ORDER BY revenue DESC, category",
        r => new CategoryRow(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetDecimal(3), r.GetDecimal(4), r.GetInt64(5), r.GetDecimal(6),
            r.GetDecimal(7), r.GetDecimal(8), r.IsDBNull(9) ? double.NaN : r.GetDouble(9)));

    /// <summary>Every product with its category, ordered by product.</summary>
    public static IReadOnlyList<ProductCategory> LoadProducts(SegmentaStore store) => !Exist(store) ? [] : store.Query(
        "SELECT product, description, category, matched FROM product_categories ORDER BY product",
        r => new ProductCategory(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3)));

    /// <summary>The category of each product (stock code), for filtering recommendations.</summary>
    public static IReadOnlyDictionary<string, string> CategoryByProduct(SegmentaStore store) =>
        LoadProducts(store).ToDictionary(p => p.Product, p => p.Category, StringComparer.Ordinal);

    /// <summary>One segmentation's preferences (all when <paramref name="segmentation"/> is null), by segment and descending share.</summary>
    public static IReadOnlyList<CategoryPreference> LoadPreferences(SegmentaStore store, SegmentationKind? segmentation = null) =>
        !store.HasTable("segment_category_preferences") ? [] : store.Query(
            "SELECT segmentation, segment_id, category, buyers, spend, segment_spend, share, overall_share, spend_index, top_buyer_spend, robust_index FROM segment_category_preferences "
            + "WHERE $s IS NULL OR segmentation = $s ORDER BY segmentation, segment_id, share DESC, category",
            Preference, ("s", segmentation?.Id()));

    /// <summary>A customer's gross spend per category on kept purchase lines, largest first (customer_category_spend: no line is read).</summary>
    public static IReadOnlyList<(string Category, decimal Spend, long Lines)> LoadCustomer(SegmentaStore store, string customerId) => !Exist(store) || !store.HasTable("customer_category_spend") ? [] : store.Query(
        """
        SELECT category, spend::DECIMAL(18,4), lines
        FROM customer_category_spend
        WHERE customer_id = $c
        ORDER BY 2 DESC, 1
        """,
        r => (r.GetString(0), r.GetDecimal(1), r.GetInt64(2)), ("c", customerId));

    private static CategoryPreference Preference(DbDataReader r) => new(
        SegmentationKinds.Parse(r.GetString(0)), r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.GetDecimal(4), r.GetDecimal(5),
        r.IsDBNull(6) ? double.NaN : r.GetDouble(6), r.IsDBNull(7) ? double.NaN : r.GetDouble(7), r.IsDBNull(8) ? double.NaN : r.GetDouble(8),
        r.GetDecimal(9), r.IsDBNull(10) ? double.NaN : r.GetDouble(10));
}
