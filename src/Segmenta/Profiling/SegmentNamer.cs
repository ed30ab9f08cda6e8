namespace Segmenta.Profiling;

/// <summary>
/// Names clusters by documented rules on their profile, so a marketer reads "Lapsed high spenders" instead of
/// "cluster 3". Indexes are segment mean / mean of all customers (recency: lower = more recent). The first rule that
/// matches gives the name; segments that get the same name are told apart by spend ("higher spend" / "lower spend").
/// Names are unique within a run and, as the profiles are deterministic, stable across reruns.
/// </summary>
internal static class SegmentNamer
{
    /// <summary>
    /// The share of one-time buyers a segment needs to be called first-timers or one-time buyers: a mean frequency index
    /// says little about how many came back (a few frequent buyers hide many one-time ones, and the other way round), and
    /// the name, like the onboarding action that goes with it (playbook.json), must be true of most of the list.
    /// </summary>
    internal const double OneTimeMajority = 0.5;

    /// <summary>The naming rules, in order: name, and the condition on (recency, frequency, monetary, order value, tenure indexes, customer share, one-time share).</summary>
    internal static readonly IReadOnlyList<(string Name, string Rule, Func<Indexes, bool> Matches)> Rules =
    [
        ("Wholesale accounts", "monetary index >= 8 and at most 5% of customers", i => i.Monetary >= 8 && i.Share <= 0.05),
        ("Frequent high spenders", "frequency and monetary index >= 2, recency index <= 0.8", i => i.Frequency >= 2 && i.Monetary >= 2 && i.Recency <= 0.8),
        ("Lapsed high spenders", "recency index >= 1.5, monetary index >= 1.2", i => i.Recency >= 1.5 && i.Monetary >= 1.2),
        ("Lapsed big baskets", "recency index >= 1.5, order value index >= 1.2", i => i.Recency >= 1.5 && i.OrderValue >= 1.2),
        ("Recent first-timers", "recency, frequency and tenure index <= 0.6, at least half bought only once",
            i => i.Recency <= 0.6 && i.Frequency <= 0.6 && i.Tenure <= 0.6 && i.OneTimeShare >= OneTimeMajority),
        ("Loyal regulars", "frequency index >= 1.2, recency index <= 1", i => i.Frequency >= 1.2 && i.Recency <= 1),
        ("Big baskets", "order value index >= 1.5", i => i.OrderValue >= 1.5),
        ("Lapsed one-time buyers", "recency index >= 1.5, frequency index <= 0.8, at least half bought only once",
            i => i.Recency >= 1.5 && i.Frequency <= 0.8 && i.OneTimeShare >= OneTimeMajority),
        ("Lapsed occasional buyers", "recency index >= 1.5, frequency index <= 0.8", i => i.Recency >= 1.5 && i.Frequency <= 0.8),
        ("Recent occasional buyers", "recency and frequency index <= 0.8", i => i.Recency <= 0.8 && i.Frequency <= 0.8),
        ("Occasional low spenders", "frequency and monetary index <= 0.8", i => i.Frequency <= 0.8 && i.Monetary <= 0.8),
        ("Steady mid spenders", "none of the above", _ => true),
    ];

    internal readonly record struct Indexes(double Recency, double Frequency, double Monetary, double OrderValue, double Tenure, double Share, double OneTimeShare)
    {
        internal static Indexes Of(SegmentProfile p) => new(
            p.IndexOf("recency"), p.IndexOf("frequency"), p.IndexOf("monetary"), p.IndexOf("average_order_value"), p.IndexOf("tenure_days"), p.CustomerShare,
            p.OneTimeShare);
    }

    /// <summary>The first rule's name; without amounts (monetary undefined) the catch-all says nothing about spend.</summary>
    private static string RuleName(SegmentProfile p)
    {
        var indexes = Indexes.Of(p);
        var name = Rules.First(r => r.Matches(indexes)).Name;
        return name == Rules[^1].Name && !double.IsFinite(indexes.Monetary) ? "Steady buyers" : name;
    }

    /// <summary>The features the naming rules speak of: names from them are only true when the clusters were built on some of them.</summary>
    internal static readonly string[] BehaviourFeatures = ["recency", "frequency", "monetary", "average_order_value", "tenure_days"];

    /// <summary>
    /// Names by segment id; <paramref name="overrides"/> (from the user's settings) win. When the clusters were built
    /// on <paramref name="clusteringFeatures"/> that include none of <see cref="BehaviourFeatures"/> (say favourite_hour
    /// alone), names describe those features instead ("Favourite hour ≈ 10"), since the behaviour rules would
    /// describe a split the clustering never made.
    /// </summary>
    internal static Dictionary<int, string> Name(IReadOnlyList<SegmentProfile> profiles, IReadOnlyDictionary<int, string>? overrides = null,
        IReadOnlyCollection<string>? clusteringFeatures = null)
    {
        var names = new Dictionary<int, string>();
        var byBehaviour = clusteringFeatures is null || clusteringFeatures.Count == 0 || clusteringFeatures.Any(BehaviourFeatures.Contains);
        var byRule = profiles.Where(p => overrides is null || !overrides.ContainsKey(p.SegmentId))
            .GroupBy(p => byBehaviour ? RuleName(p) : ByFeatures(p, clusteringFeatures!));
        var spendUsed = byBehaviour && (clusteringFeatures is null || clusteringFeatures.Count == 0 || clusteringFeatures.Contains("monetary"));
        foreach (var group in byRule)
        {
            var ordered = group.OrderByDescending(p => p.RevenuePerCustomer).ThenBy(p => p.SegmentId).ToList();
            var qualifiers = (ordered.Count, spendUsed) switch
            {
                (1, _) => [""],
                (2, true) => [", higher spend", ", lower spend"],
                (3, true) => [", top spend", ", mid spend", ", low spend"],
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

    /// <summary>A name from the clustering features: each one's segment mean, the most distinctive (farthest from average) first.</summary>
    private static string ByFeatures(SegmentProfile profile, IReadOnlyCollection<string> features)
    {
        var described = features.Where(f => profile.Features.ContainsKey(f))
            .OrderByDescending(f => Math.Abs(Math.Log(Math.Max(1e-6, Math.Abs(profile.IndexOf(f))))))
            .ThenBy(f => f, StringComparer.Ordinal)
            .Take(2)
            .Select(f => $"{Label(f)} ≈ {profile.MeanOf(f).ToString(Math.Abs(profile.MeanOf(f)) >= 10 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
        return described.Count == 0 ? "Segment" : string.Join(", ", described);
    }

    private static string Label(string feature)
    {
        var words = feature.Replace('_', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
