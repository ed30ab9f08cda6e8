using Segmenta.Store;

namespace Segmenta.Cleaning;

/// <summary>
/// The kept purchase lines with dense integer keys (purchase_tables.sql): written once after cleaning, read by the
/// stages that work on purchases instead of copying <c>clean_lines</c> with its strings. A store whose tables were made
/// from another cleaning (or that has none: older stores, the PostgreSQL engine's cleaning) is not current, and its
/// readers use <c>clean_lines</c>.
/// </summary>
internal static class PurchaseTables
{
    /// <summary>
    /// One kept purchase line by its keys: day = days since 1970-01-01; quantity (1 where the file has none) and amount
    /// (0 where it has none) in whole ten-thousandths, exact as the store's DECIMAL(18,4).
    /// </summary>
    internal delegate void LineVisitor(int customer, int product, int order, int day, long quantity, long amount, int country);

    /// <summary>Replaces the purchase tables with those of the store's current <c>clean_lines</c>.</summary>
    public static void Write(SegmentaStore store)
    {
        WriteTables(store);
        WriteSource(store);
    }

    /// <summary>The tables themselves, from <c>clean_lines</c> alone (Cleaner.Run writes them beside the rest of the cleaning).</summary>
    internal static void WriteTables(SegmentaStore store)
    {
        Drop(store);
        store.Execute(SqlScripts.Get("Cleaning/purchase_tables.sql"));
    }

    /// <summary>Which cleaning the tables were made from: after the cleaning report they were made with.</summary>
    internal static void WriteSource(SegmentaStore store)
    {
        var fingerprint = Fingerprint(store);
        store.Execute(SqlScripts.Get("Cleaning/purchase_lines_source.sql"), ("f", fingerprint));
    }

    /// <summary>True when the store holds purchase tables made from its current cleaning.</summary>
    public static bool IsCurrent(SegmentaStore store) =>
        store.HasTable("purchase_lines_source") && store.HasTable("cleaning_report")
        && store.Scalar<string>("SELECT fingerprint FROM purchase_lines_source") == Fingerprint(store);

    /// <summary>Products by key: stock code, description, and whether the code matches one of <paramref name="nonProductPatterns"/> (LIKE, escape \, any case).</summary>
    public static List<(string StockCode, string Description, bool NonProduct)> Products(SegmentaStore store, IReadOnlyList<string> nonProductPatterns)
    {
        store.Execute("CREATE OR REPLACE TEMP TABLE purchase_non_product_codes (pattern VARCHAR)");
        foreach (var pattern in nonProductPatterns)
        {
            store.Execute("INSERT INTO purchase_non_product_codes VALUES ($p)", ("p", pattern));
        }
        var products = store.Query(
            """
            SELECT stock_code, description,
                   EXISTS (SELECT 1 FROM purchase_non_product_codes n WHERE upper(p.stock_code) LIKE upper(n.pattern) ESCAPE '\') AS non_product
            FROM purchase_products p ORDER BY product_key
            """,
            r => (r.GetString(0), r.GetString(1), r.GetBoolean(2)));
        store.Execute("DROP TABLE purchase_non_product_codes");
        return products;
    }

    /// <summary>Customer ids by key.</summary>
    public static List<string> Customers(SegmentaStore store) =>
        store.Query("SELECT customer_id FROM purchase_customers ORDER BY customer_key", r => r.GetString(0));

    /// <summary>Country names by key.</summary>
    public static List<string> Countries(SegmentaStore store) =>
        store.Query("SELECT country FROM purchase_countries ORDER BY country_key", r => r.GetString(0));

    /// <summary>The number of lines.</summary>
    public static long Count(SegmentaStore store) => store.Scalar<long>("SELECT count(*) FROM purchase_lines");

    /// <summary>Every line, sorted by customer, day, order and product (lines equal in all four in no fixed order).</summary>
    public static void Read(SegmentaStore store, LineVisitor visit) => store.Stream(
        """
        SELECT customer_key, product_key, order_key, (purchase_day - DATE '1970-01-01')::INTEGER, (quantity * 10000)::BIGINT, (coalesce(amount, 0) * 10000)::BIGINT, country_key
        FROM purchase_lines
        ORDER BY customer_key, purchase_day, order_key, product_key
        """,
        r => visit(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4), r.GetInt64(5), r.GetInt32(6)));

    private static string Fingerprint(SegmentaStore store) => store.Scalar<string>(SqlScripts.Get("Cleaning/purchase_fingerprint.sql")) ?? "";

    private static void Drop(SegmentaStore store) => store.Execute(
        "DROP TABLE IF EXISTS purchase_lines_source; DROP TABLE IF EXISTS purchase_lines; DROP TABLE IF EXISTS purchase_customers; DROP TABLE IF EXISTS purchase_products; DROP TABLE IF EXISTS purchase_countries");
}
