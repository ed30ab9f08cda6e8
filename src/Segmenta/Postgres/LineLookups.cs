using Segmenta.Categories;
using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// The dashboard's look-ups that read lines (the product search, a customer's spend per category and purchase history),
/// whichever engine cleaned them: on a DuckDB run's database the stages' own reads of the local lines; on a PostgreSQL
/// run's, the same queries on the server that holds the lines (remembered by the run, <see cref="ServerRun"/>; on a
/// cluster a customer's look-ups read only that customer's partition). A server that cannot be reached, asks for a
/// password or holds another run's lines fails with a <see cref="SegmentaException"/> saying so.
/// </summary>
public static class LineLookups
{
    private const string Again = "reload the page";

    /// <summary>As <see cref="ProductSearch.Find"/>: up to <paramref name="limit"/> products matching every word, an exact code first.</summary>
    public static IReadOnlyList<ProductMatch> FindProducts(SegmentaStore store, string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(text);
        if (!ServerLineFacts.Elsewhere(store))
        {
            return ProductSearch.Find(store, text, limit);
        }
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4).ToArray();
        if (words.Length == 0)
        {
            return [];
        }
        string? Word(int i) => i < words.Length ? words[i] : null;
        using var database = Coordinator(store);
        return database.Query(SqlDialect.Postgres.Script("Exploration/product_search.sql"),
            r => new ProductMatch(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetDouble(2), r.GetInt64(3)),
            ("w1", Word(0)), ("w2", Word(1)), ("w3", Word(2)), ("w4", Word(3)), ("limit", (long)limit));
    }

    /// <summary>As <see cref="CategoryTables.LoadCustomer"/>: a customer's gross spend per category on kept purchase lines, largest first.</summary>
    public static IReadOnlyList<(string Category, decimal Spend, long Lines)> CustomerCategories(SegmentaStore store, string customerId)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ServerLineFacts.Elsewhere(store))
        {
            return CategoryTables.LoadCustomer(store, customerId);
        }
        if (!CategoryTables.Exist(store))
        {
            return [];
        }
        using var database = Coordinator(store);
        return database.Query(SqlScripts.Get("Postgres/customer_category_spend.sql"), r => (r.GetString(0), r.GetDecimal(1), r.GetInt64(2)), ("c", customerId));
    }

    /// <summary>As <see cref="CleaningTables.PurchaseHistory"/>: a customer's most recent kept purchase lines, newest first.</summary>
    public static IReadOnlyList<PurchaseLine> PurchaseHistory(SegmentaStore store, string customerId, int limit)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ServerLineFacts.Elsewhere(store))
        {
            return CleaningTables.PurchaseHistory(store, customerId, limit);
        }
        using var database = Coordinator(store);
        return database.Query(SqlScripts.Get("Postgres/customer_purchase_history.sql"),
            r => new PurchaseLine(r.GetDateTime(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetDouble(4), r.GetDouble(5)),
            ("c", customerId), ("limit", (long)limit));
    }

    private static PostgresDatabase Coordinator(SegmentaStore store)
    {
        var postgres = ServerRun.Reconnect(store, store.Path, Again);
        var database = PostgresDatabase.Open(postgres.Connection, postgres.Schema);
        PostgresLayout.PlanPerPartition(database);
        return database;
    }
}
