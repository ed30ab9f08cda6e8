using Segmenta.Store;

namespace Segmenta.Lifetime;

/// <summary>
/// The cumulative tracking chart of Fader, Hardie &amp; Lee (2005, figure 3): the cohort's repeat purchases week by
/// week against what the model expects, Σ over customers of E[X(t − first purchase)] with the model's unconditional
/// expectation (a customer with no history: x = t_x = T = 0). Fitted on the calibration period, the weeks after it
/// are a forecast.
/// </summary>
internal static class TrackingCurve
{
    /// <summary>Uses lifetime_summary and lifetime_days as customer_summary.sql left them (or tracking.sql's tables, when <paramref name="inputsMade"/> elsewhere).</summary>
    internal static List<TrackingPoint> Compute(SegmentaStore store, ICountingModel model, DateOnly observationEnd, double unitDays, bool inputsMade = false)
    {
        if (!inputsMade)
        {
            store.Execute(SqlScripts.Get("Lifetime/tracking.sql"));
        }
        var firsts = store.Query("SELECT day, count(*) FROM lifetime_tracking_first GROUP BY day ORDER BY day",
            r => (Day: DateOnly.FromDateTime(r.GetDateTime(0)), Customers: r.GetInt64(1)));
        var repeats = store.Query("SELECT day, purchases FROM lifetime_tracking_repeat ORDER BY day",
            r => (Day: DateOnly.FromDateTime(r.GetDateTime(0)), Purchases: r.GetInt64(1)));
        if (firsts.Count == 0)
        {
            return [];
        }
        var start = firsts[0].Day;
        var expected = new Dictionary<int, double>();
        double Expected(int days)
        {
            if (!expected.TryGetValue(days, out var value))
            {
                value = days <= 0 ? 0 : model.ExpectedPurchases(days / unitDays, 0, 0, 0);
                expected[days] = value;
            }
            return value;
        }
        var points = new List<TrackingPoint>();
        var repeatIndex = 0;
        double actual = 0;
        for (var week = 1; ; week++)
        {
            var end = start.AddDays(7 * week - 1);
            if (end > observationEnd)
            {
                end = observationEnd;
            }
            while (repeatIndex < repeats.Count && repeats[repeatIndex].Day <= end)
            {
                actual += repeats[repeatIndex++].Purchases;
            }
            double predicted = 0;
            foreach (var (day, customers) in firsts)
            {
                if (day < end)
                {
                    predicted += customers * Expected(end.DayNumber - day.DayNumber);
                }
            }
            points.Add(new TrackingPoint(week, end, actual, predicted));
            if (end >= observationEnd)
            {
                return points;
            }
        }
    }
}
