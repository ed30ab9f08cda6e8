using Segmenta.Cleaning;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>Reads the kept purchase lines of a store into a <see cref="PurchaseLog"/>.</summary>
internal static class PurchaseLogLoader
{
    /// <summary>The segment names used: the clustering segmentation when there is one, else the RFM segments.</summary>
    internal static SegmentationKind? ChooseSegmentation(SegmentaStore store)
    {
        if (!store.HasTable("customer_segments"))
        {
            return null;
        }
        var names = store.Query("SELECT DISTINCT segmentation FROM customer_segments ORDER BY segmentation", r => SegmentationKinds.Parse(r.GetString(0)));
        return names.Count == 0 ? null : names.FirstOrDefault(n => n.IsClustering(), names[0]);
    }

    /// <summary>
    /// The kept purchases of products: from the purchase tables the cleaning wrote (<see cref="PurchaseTables"/>) when
    /// they are current, else from <c>clean_lines</c> (<paramref name="fromCleanLines"/> forces that; both give the same log).
    /// <paramref name="segmentsNamed"/>, when given, is waited for after the purchases are read and before the segments are:
    /// a host may read the purchases while the segments are still being profiled (named) beside.
    /// </summary>
    public static PurchaseLog Load(SegmentaStore store, RecommendationOptions options, out SegmentationKind? segmentation, bool fromCleanLines = false, Action? segmentsNamed = null)
    {
        // A PostgreSQL run leaves no lines in the store, only its current purchase tables.
        var fromPurchaseTables = !fromCleanLines && PurchaseTables.IsCurrent(store);
        if (!fromPurchaseTables && !store.HasTable("lines_with_outcome") && !store.HasTable("clean_lines"))
        {
            throw new SegmentaException("The store has no cleaned lines: run segmenta analyze (or clean) first.");
        }
        SegmentationKind? chosen = null;
        (int[] Segments, string[] Names, bool Known) Segments(IReadOnlyList<string> customerIds)
        {
            segmentsNamed?.Invoke();
            chosen = ChooseSegmentation(store);
            var (segments, names) = SegmentLabels.Assign(store, chosen, customerIds);
            return (segments, names, chosen is not null);
        }
        var log = fromPurchaseTables
            ? FromPurchaseTables(store, options, Segments)
            : FromCleanLines(store, options, Segments);
        segmentation = chosen;
        return log;
    }

    private static PurchaseLog FromCleanLines(SegmentaStore store, RecommendationOptions options, Func<IReadOnlyList<string>, (int[] Segments, string[] Names, bool Known)> segmentsOf)
    {
        store.Execute("CREATE OR REPLACE TEMP TABLE rec_non_product_codes (pattern VARCHAR)");
        foreach (var code in options.NonProductCodes)
        {
            store.Execute("INSERT INTO rec_non_product_codes VALUES ($p)", ("p", code));
        }
        store.Execute(SqlScripts.Get("Recommending/purchases.sql"));

        var stockCodes = new List<string>();
        var descriptions = new List<string>();
        store.Query("SELECT stock_code, description FROM rec_products ORDER BY product", r =>
        {
            stockCodes.Add(r.GetString(0));
            descriptions.Add(r.GetString(1));
            return 0;
        });
        var countryNames = store.Query("SELECT country FROM rec_countries ORDER BY country_index", r => r.GetString(0));
        var countryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < countryNames.Count; i++)
        {
            countryIndex[countryNames[i]] = i;
        }
        var customerIds = new List<string>();
        var countries = new List<int>();
        store.Query("SELECT customer_id, coalesce(country, 'Unknown') FROM rec_customers ORDER BY customer", r =>
        {
            customerIds.Add(r.GetString(0));
            countries.Add(Index(countryIndex, r.GetString(1)));
            return 0;
        });

        // Upper bound of the line count; lines of the same customer, order and product are merged as they arrive.
        var lines = new PurchaseLogBuilder(store.Scalar<long>("SELECT count(*) FROM rec_lines"));
        store.Stream(SqlScripts.Get("Recommending/purchase_lines.sql"),
            r => lines.Add(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4), r.GetInt64(5), r.GetInt32(6)));
        store.Execute("DROP TABLE IF EXISTS rec_orders; DROP TABLE IF EXISTS rec_lines; DROP TABLE IF EXISTS rec_non_product_codes; DROP TABLE IF EXISTS rec_countries");
        var (segments, segmentNames, known) = segmentsOf(customerIds);
        return lines.Build([.. customerIds], [.. stockCodes], [.. descriptions], segments, segmentNames, [.. countries], [.. countryNames], known);
    }

    /// <summary>
    /// The same log as <see cref="FromCleanLines"/>, from the integer purchase tables: non-products and the customers
    /// who bought only them are dropped and the rest renumbered in key order (= the order of their text). A customer's
    /// country before any reference day is the most common one of their lines (ties: the first by name); the log's
    /// per-line countries decide it at every reference day (Interactions), so this only names customers without lines.
    /// </summary>
    private static PurchaseLog FromPurchaseTables(SegmentaStore store, RecommendationOptions options, Func<IReadOnlyList<string>, (int[] Segments, string[] Names, bool Known)> segmentsOf)
    {
        var products = PurchaseTables.Products(store, options.NonProductCodes);
        var productOf = new int[products.Count];
        var stockCodes = new List<string>(products.Count);
        var descriptions = new List<string>(products.Count);
        for (var p = 0; p < products.Count; p++)
        {
            productOf[p] = products[p].NonProduct ? -1 : stockCodes.Count;
            if (!products[p].NonProduct)
            {
                stockCodes.Add(products[p].StockCode);
                descriptions.Add(products[p].Description);
            }
        }
        var countryNames = PurchaseTables.Countries(store);
        var allCustomers = PurchaseTables.Customers(store);

        var lines = new PurchaseLogBuilder(PurchaseTables.Count(store));
        var customerIds = new List<string>();
        var customerCountries = new List<int>();
        var countryLines = new int[countryNames.Count];
        var (lastKey, current) = (-1, -1);
        void EndCustomer()
        {
            if (current >= 0)
            {
                var best = 0;
                for (var k = 1; k < countryLines.Length; k++)
                {
                    best = countryLines[k] > countryLines[best] ? k : best;
                }
                customerCountries.Add(best);
                Array.Clear(countryLines);
            }
        }
        PurchaseTables.Read(store, (c, p, o, d, quantity, amount, k) =>
        {
            p = productOf[p];
            if (p < 0)
            {
                return;
            }
            if (c != lastKey)
            {
                EndCustomer();
                (lastKey, current) = (c, customerIds.Count);
                customerIds.Add(allCustomers[c]);
            }
            countryLines[k]++;
            lines.Add(current, p, o, d, quantity, amount, k);
        });
        EndCustomer();

        var (segments, segmentNames, known) = segmentsOf(customerIds);
        return lines.Build([.. customerIds], [.. stockCodes], [.. descriptions], segments, segmentNames, [.. customerCountries], [.. countryNames], known);
    }

    private static int Index(Dictionary<string, int> index, string name)
    {
        if (!index.TryGetValue(name, out var id))
        {
            id = index.Count;
            index[name] = id;
        }
        return id;
    }
}
