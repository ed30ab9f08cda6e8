using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Profiling;

/// <summary>Computes the profile tables in the store and reads them back as <see cref="SegmentProfile"/>s.</summary>
internal static class ProfileLoader
{
    internal static readonly IReadOnlyList<string> Tables = ["segment_summary", "segment_feature_stats", "segment_top_products", "segment_top_countries", "segment_rfm_mix"];

    /// <summary>Rebuilds the profile tables of every segmentation, or of <paramref name="only"/> (the others' rows are kept).</summary>
    internal static void Compute(SegmentaStore store, SegmentationKind? only = null) =>
        ProfiledScope.Rebuild(store, only, Tables, () =>
        {
            ComputeProfiles(store);
            WrittenJoinOrder.Execute(store, SqlScripts.Get("Profiling/segment_top_products.sql"));
        });

    /// <summary>
    /// Rebuilds the profile tables of every segmentation, with segment_top_products (the one that reads lines) made by
    /// <paramref name="topProducts"/> where the lines are (the PostgreSQL engine) instead of by its script here.
    /// </summary>
    internal static void Compute(SegmentaStore store, Action<SegmentaStore> topProducts)
    {
        ProfiledScope.Rebuild(store, null, Tables, () => ComputeProfiles(store));
        topProducts(store);
    }

    /// <summary>segment_profiles.sql, with its size threshold for revenue concentration taken from <see cref="SegmentProfile"/>.</summary>
    private static void ComputeProfiles(SegmentaStore store)
    {
        store.Execute($"SET VARIABLE minimum_concentration_customers = {SegmentProfile.MinimumCustomersForConcentration}");
        store.Execute(SqlScripts.Get("Profiling/segment_profiles.sql"));
    }

    /// <summary>One segmentation's profiles; <paramref name="values"/> are <see cref="Lifetime.SegmentValues.Load"/>'s, read once for all segmentations.</summary>
    internal static List<SegmentProfile> Load(SegmentaStore store, SegmentationKind segmentation, IReadOnlyDictionary<(string Segmentation, int SegmentId), Lifetime.SegmentValue> values)
    {
        (string, object?) s = ("s", segmentation.Id());
        var features = store.Query(
            "SELECT segment_id, feature, mean, median, overall_mean, index FROM segment_feature_stats WHERE segmentation = $s",
            r => (Id: r.GetInt32(0), Stat: new FeatureStat(r.GetString(1), Double(r, 2), Double(r, 3), Double(r, 4), Double(r, 5))), s)
            .ToLookup(x => x.Id, x => x.Stat);
        var countries = store.Query(
            "SELECT segment_id, country, customers, revenue FROM segment_top_countries WHERE segmentation = $s ORDER BY segment_id, rank",
            r => (Id: r.GetInt32(0), Row: (r.GetString(1), r.GetInt64(2), Double(r, 3))), s).ToLookup(x => x.Id, x => x.Row);
        var products = store.Query(
            """
            SELECT segment_id, stock_code, description, units, revenue, buyers, rank_by_units, rank_by_revenue
            FROM segment_top_products WHERE segmentation = $s ORDER BY segment_id, rank_by_revenue
            """,
            r => (Id: r.GetInt32(0), Row: new SegmentProduct(r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Double(r, 3), Double(r, 4),
                r.GetInt64(5), (int)r.GetInt64(6), (int)r.GetInt64(7))), s).ToLookup(x => x.Id, x => x.Row);
        var mix = store.Query(
            "SELECT segment_id, coalesce(rfm_segment, '(none)'), customers, share FROM segment_rfm_mix WHERE segmentation = $s ORDER BY segment_id, customers DESC",
            r => (Id: r.GetInt32(0), Row: (r.GetString(1), r.GetInt64(2), r.GetDouble(3))), s).ToLookup(x => x.Id, x => x.Row);
        return store.Query(
            """
            SELECT segment_id, segment_name, customers, customer_share, revenue, revenue_share, revenue_per_customer, returns_rate, top20_revenue_share, one_time_buyers
            FROM segment_summary WHERE segmentation = $s ORDER BY segment_id
            """,
            r =>
            {
                var id = r.GetInt32(0);
                return new SegmentProfile
                {
                    Segmentation = segmentation,
                    SegmentId = id,
                    GivenName = r.IsDBNull(1) ? null : r.GetString(1),
                    Customers = r.GetInt64(2),
                    CustomerShare = r.GetDouble(3),
                    Revenue = Double(r, 4),
                    RevenueShare = Double(r, 5),
                    RevenuePerCustomer = Double(r, 6),
                    ReturnsRate = Double(r, 7),
                    Top20RevenueShare = Double(r, 8),
                    OneTimeBuyers = r.GetInt64(9),
                    Features = features[id].ToDictionary(f => f.Feature),
                    TopCountries = countries[id].ToList(),
                    TopProducts = products[id].ToList(),
                    RfmMix = mix[id].ToList(),
                    Value = values.GetValueOrDefault((segmentation.Id(), id)),
                };
            }, s);
    }

    /// <summary>NULL (no amount in the file, no orders) reads as NaN: not defined, written as an empty cell.</summary>
    private static double Double(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? double.NaN : Convert.ToDouble(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
}
