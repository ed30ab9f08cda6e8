namespace Segmenta.Profiling;

/// <summary>
/// Names clusters by documented rules on their profile, so a marketer reads "Lapsed high spenders" instead of
/// "cluster 3". Indexes are segment mean / mean of all customers (recency: lower = more recent). The first rule that
/// matches gives the name; segments that get the same name are told apart by spend ("higher spend" / "lower spend").
/// Names are unique within a run and, as the profiles are deterministic, stable across reruns.
/// </summary>
internal static class SegmentNamer
{
    /// <summary>The naming rules, in order: name, and the condition on (recency, frequency, monetary, order value, tenure indexes, customer share).</summary>
    internal static readonly IReadOnlyList<(string Name, string Rule, Func<Indexes, bool> Matches)> Rules =
    [
        ("Wholesale accounts", "monetary index >= 8 and at most 5% of customers", i => i.Monetary >= 8 && i.Share <= 0.05),
        ("Frequent high spenders", "frequency and monetary index >= 2, recency index <= 0.8", i => i.Frequency >= 2 && i.Monetary >= 2 && i.Recency <= 0.8),
        ("Lapsed high spenders", "recency index >= 1.5, monetary index >= 1.2", i => i.Recency >= 1.5 && i.Monetary >= 1.2),
        ("Lapsed big baskets", "recency index >= 1.5, order value index >= 1.2", i => i.Recency >= 1.5 && i.OrderValue >= 1.2),
        ("Recent first-timers", "recency, frequency and tenure index <= 0.6", i => i.Recency <= 0.6 && i.Frequency <= 0.6 && i.Tenure <= 0.6),
        ("Loyal regulars", "frequency index >= 1.2, recency index <= 1", i => i.Frequency >= 1.2 && i.Recency <= 1),
        ("Big baskets", "order value index >= 1.5", i => i.OrderValue >= 1.5),
        ("Lapsed occasional buyers", "recency index >= 1.5, frequency index <= 0.8", i => i.Recency >= 1.5 && i.Frequency <= 0.8),
        ("Recent occasional buyers", "recency and frequency index <= 0.8", i => i.Recency <= 0.8 && i.Frequency <= 0.8),
        ("Occasional low spenders", "frequency and monetary index <= 0.8", i => i.Frequency <= 0.8 && i.Monetary <= 0.8),
        ("Steady mid spenders", "none of the above", _ => true),
    ];

    internal readonly record struct Indexes(double Recency, double Frequency, double Monetary, double OrderValue, double Tenure, double Share)
    {
        internal static Indexes Of(SegmentProfile p) => new(
            p.IndexOf("recency"), p.IndexOf("frequency"), p.IndexOf("monetary"), p.IndexOf("average_order_value"), p.IndexOf("tenure_days"), p.CustomerShare);
    }

    /// <summary>Names by segment id; <paramref name="overrides"/> (from the user's settings) win.</summary>
    internal static Dictionary<int, string> Name(IReadOnlyList<SegmentProfile> profiles, IReadOnlyDictionary<int, string>? overrides = null)
    {
        var names = new Dictionary<int, string>();
        var byRule = profiles.Where(p => overrides is null || !overrides.ContainsKey(p.SegmentId))
            .GroupBy(p => Rules.First(r => r.Matches(Indexes.Of(p))).Name);
        foreach (var group in byRule)
        {
            var ordered = group.OrderByDescending(p => p.RevenuePerCustomer).ThenBy(p => p.SegmentId).ToList();
            var qualifiers = ordered.Count switch
            {
                1 => [""],
                2 => [", higher spend", ", lower spend"],
                3 => [", top spend", ", mid spend", ", low spend"],
                _ => Enumerable.Range(1, ordered.Count).Select(i => $" #{i}").ToArray(),
            };
            for (var i = 0; i < ordered.Count; i++)
            {
                names[ordered[i].SegmentId] = group.Key + qualifiers[i];
            }
        }
        foreach (var (id, name) in overrides ?? new Dictionary<int, string>())
        {
            if (profiles.Any(p => p.SegmentId == id))
            {
                names[id] = name;
            }
        }
        if (names.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            throw new SegmentaException($"Segment names must be unique; the overrides give: {string.Join(", ", names.Values)}.");
        }
        return names;
    }
}
