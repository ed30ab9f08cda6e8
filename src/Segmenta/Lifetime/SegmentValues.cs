using Segmenta.Store;

namespace Segmenta.Lifetime;

/// <summary>Reads the lifetime stage's predictions aggregated per segment (segment_clv.sql), for profiling and the hosts.</summary>
public static class SegmentValues
{
    /// <summary>
    /// Every segment's predicted value at the run's longest horizon, keyed by (segmentation, segment id); empty when no
    /// lifetime run is stored or no segments exist yet.
    /// </summary>
    public static IReadOnlyDictionary<(string Segmentation, int SegmentId), SegmentValue> Load(SegmentaStore store)
    {
        var horizons = LifetimeTables.Horizons(store);
        if (horizons.Count == 0 || !store.HasTable("customer_segments") || !store.HasTable("customer_clv_horizons"))
        {
            return new Dictionary<(string, int), SegmentValue>();
        }
        var horizon = horizons.Max();
        return store.Query(SqlScripts.Get("Lifetime/segment_clv.sql"),
            r => new SegmentValue(r.GetString(0), r.GetInt32(1), horizon, r.GetInt64(2), Number(r, 3), Number(r, 4), Number(r, 5), Number(r, 6) ?? 0),
            ("horizon", horizon))
            .ToDictionary(v => (v.Segmentation, v.SegmentId));
    }

    private static double? Number(System.Data.Common.DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
}
