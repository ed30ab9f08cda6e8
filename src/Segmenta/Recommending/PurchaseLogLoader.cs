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

    public static PurchaseLog Load(SegmentaStore store, RecommendationOptions options, out SegmentationKind? segmentation)
    {
        if (!store.HasTable("lines_with_outcome") && !store.HasTable("clean_lines"))
        {
            throw new SegmentaException("The store has no cleaned lines: run segmenta analyze (or clean) first.");
        }
        segmentation = ChooseSegmentation(store);
        store.Execute("CREATE OR REPLACE TEMP TABLE rec_non_product_codes (pattern VARCHAR)");
        foreach (var code in options.NonProductCodes)
        {
            store.Execute("INSERT INTO rec_non_product_codes VALUES ($p)", ("p", code));
        }
        if (segmentation is null)
        {
            SegmentMembership.EnsureTable(store, temporary: true);
        }
        store.Execute("SET VARIABLE rec_segmentation = $s", ("s", segmentation?.Id()));
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
        var segmentIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var segments = new List<int>();
        var countries = new List<int>();
        const string NoSegment = "all customers";
        store.Query("SELECT customer_id, coalesce(country, 'Unknown'), segment_name FROM rec_customers ORDER BY customer", r =>
        {
            customerIds.Add(r.GetString(0));
            countries.Add(Index(countryIndex, r.GetString(1)));
            segments.Add(Index(segmentIndex, r.IsDBNull(2) ? NoSegment : r.GetString(2)));
            return 0;
        });

        // Upper bound of the line count; lines of the same customer, order and product are merged as they arrive.
        var capacity = store.Scalar<long>("SELECT count(*) FROM rec_lines");
        var customer = new int[capacity];
        var product = new int[capacity];
        var order = new int[capacity];
        var day = new int[capacity];
        var units = new double[capacity];
        var revenue = new double[capacity];
        var country = new int[capacity];
        var n = 0;
        store.Query(SqlScripts.Get("Recommending/purchase_lines.sql"), r =>
        {
            var (c, p, o) = (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2));
            if (n > 0 && customer[n - 1] == c && order[n - 1] == o && product[n - 1] == p)
            {
                units[n - 1] += r.GetDouble(4);
                revenue[n - 1] += r.GetDouble(5);
                return 0;
            }
            (customer[n], product[n], order[n], day[n], units[n], revenue[n]) = (c, p, o, r.GetInt32(3), r.GetDouble(4), r.GetDouble(5));
            country[n] = r.GetInt32(6);
            n++;
            return 0;
        });
        store.Execute("DROP TABLE IF EXISTS rec_orders; DROP TABLE IF EXISTS rec_lines; DROP TABLE IF EXISTS rec_non_product_codes; DROP TABLE IF EXISTS rec_countries");
        return new PurchaseLog(
            [.. customerIds], [.. stockCodes], [.. descriptions], customer[..n], product[..n], order[..n], day[..n], units[..n], revenue[..n],
            [.. segments], Names(segmentIndex), [.. countries], [.. countryNames])
        {
            HasSegments = segmentation is not null,
            LineCountry = country[..n],
        };
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

    private static string[] Names(Dictionary<string, int> index)
    {
        var names = new string[index.Count];
        foreach (var (name, id) in index)
        {
            names[id] = name;
        }
        return names;
    }
}
