using System.Globalization;

namespace Segmenta.Profiling;

/// <summary>Plain sentences with numbers, generated from the profiles: one per segment, then comparisons.</summary>
internal static class InsightWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The share of one-time buyers from which the rhythm sentence says it first: the median days between purchases
    /// describe only the customers who came back, and "they buy every 53 days" of a segment where most bought once
    /// would be read as true of all of them.
    /// </summary>
    internal const double OneTimeShareToMention = 0.05;

    /// <summary>
    /// The sentences; <paramref name="outsideClusters"/> is the key-accounts group set apart from the clusters (a few
    /// extreme customers), which the concentration comparison leaves out.
    /// </summary>
    internal static List<string> Write(IReadOnlyList<(SegmentProfile Profile, string Name)> segments, string currency, int? outsideClusters = null)
    {
        var insights = new List<string>();
        if (segments.Count == 0)
        {
            return insights;
        }
        if (!segments.All(s => double.IsFinite(s.Profile.Revenue)))
        {
            return WithoutMoney(segments);
        }
        var averageSpend = segments.Sum(s => s.Profile.Revenue) / Math.Max(1, segments.Sum(s => s.Profile.Customers));
        foreach (var (p, name) in segments.OrderByDescending(s => s.Profile.RevenueShare))
        {
            insights.Add($"Segment {p.SegmentId} ({name}): {Pct(p.CustomerShare)} of customers, {Pct(p.RevenueShare)} of revenue; {Rhythm(p)}; "
                + $"each spends {(p.RevenuePerCustomer / averageSpend).ToString("0.0", Invariant)}x the average customer "
                + $"({currency}{p.RevenuePerCustomer.ToString("N0", Invariant)}); last purchase {p.MedianOf("recency").ToString("0", Invariant)} days ago (median).");
        }

        var bySpend = segments.OrderByDescending(s => s.Profile.RevenuePerCustomer).ToList();
        if (bySpend.Count > 1)
        {
            var (top, next) = (bySpend[0], bySpend[1]);
            insights.Add($"{top.Name} spend the most: {(top.Profile.RevenuePerCustomer / next.Profile.RevenuePerCustomer).ToString("0.0", Invariant)}x more per customer than the next segment ({next.Name}).");
        }
        var lapsing = segments.Where(s => s.Profile.IndexOf("recency") >= 1.3).OrderByDescending(s => s.Profile.Revenue).FirstOrDefault();
        if (lapsing.Name is not null)
        {
            insights.Add($"{lapsing.Name} are lapsing: their last purchase was {lapsing.Profile.MeanOf("recency").ToString("0", Invariant)} days ago on average "
                + $"({lapsing.Profile.IndexOf("recency").ToString("0.0", Invariant)}x the average), and they hold {Pct(lapsing.Profile.RevenueShare)} of revenue.");
        }
        var overallReturns = OverallReturnsRate(segments.Select(s => s.Profile));
        var returns = segments.Where(s => double.IsFinite(s.Profile.ReturnsRate)).MaxBy(s => s.Profile.ReturnsRate);
        if (returns.Name is not null && overallReturns > 0 && returns.Profile.ReturnsRate > 1.2 * overallReturns)
        {
            insights.Add($"Returns concentrate in {returns.Name}: {Pct(returns.Profile.ReturnsRate)} of their purchases come back, against {Pct(overallReturns)} overall.");
        }
        // Only segments with a concentration (at least SegmentProfile.MinimumCustomersForConcentration customers), and
        // not the key accounts outside the clusters: a few extreme customers set apart, not a segment of the base.
        var concentrated = segments.Where(s => s.Profile.SegmentId != outsideClusters && double.IsFinite(s.Profile.Top20RevenueShare))
            .OrderByDescending(s => s.Profile.Top20RevenueShare).ThenBy(s => s.Profile.SegmentId).FirstOrDefault();
        if (concentrated.Name is not null)
        {
            insights.Add($"Revenue is most concentrated in {concentrated.Name}: their top 20% of customers make {Pct(concentrated.Profile.Top20RevenueShare)} of the segment's revenue.");
        }
        return insights;
    }

    /// <summary>No amount in the file: the same sentences with orders and recency in place of revenue and spend.</summary>
    private static List<string> WithoutMoney(IReadOnlyList<(SegmentProfile Profile, string Name)> segments)
    {
        var insights = new List<string>();
        foreach (var (p, name) in segments.OrderByDescending(s => s.Profile.CustomerShare).ThenBy(s => s.Profile.SegmentId))
        {
            insights.Add($"Segment {p.SegmentId} ({name}): {Pct(p.CustomerShare)} of customers; {Rhythm(p)}; "
                + $"{p.MeanOf("frequency").ToString("0.0", Invariant)} orders each on average; last purchase {p.MedianOf("recency").ToString("0", Invariant)} days ago (median).");
        }
        var lapsing = segments.Where(s => s.Profile.IndexOf("recency") >= 1.3).OrderByDescending(s => s.Profile.Customers).FirstOrDefault();
        if (lapsing.Name is not null)
        {
            insights.Add($"{lapsing.Name} are lapsing: their last purchase was {lapsing.Profile.MeanOf("recency").ToString("0", Invariant)} days ago on average "
                + $"({lapsing.Profile.IndexOf("recency").ToString("0.0", Invariant)}x the average).");
        }
        insights.Add("No amount in this file: revenue and spend comparisons skipped.");
        return insights;
    }

    internal static double OverallReturnsRate(IEnumerable<SegmentProfile> profiles)
    {
        var list = profiles.Where(p => double.IsFinite(p.ReturnsRate)).ToList();
        var returned = list.Sum(p => p.ReturnsRate * (p.Revenue / Math.Max(1e-12, 1 - p.ReturnsRate)));
        var gross = list.Sum(p => p.Revenue / Math.Max(1e-12, 1 - p.ReturnsRate));
        return gross > 0 ? returned / gross : 0;
    }

    /// <summary>
    /// The purchase rhythm in words. The median of the customers' median days between purchases exists only for those
    /// who came back, so when many bought once ("87.0% bought only once; the others buy every 53 days (median)") that
    /// share comes first, from the same profile.
    /// </summary>
    internal static string Rhythm(SegmentProfile p)
    {
        var gap = p.MedianOf("median_days_between_purchases");
        var oneTime = p.OneTimeShare;
        if (!double.IsFinite(gap))
        {
            // Nobody bought on two different days: all one-time buyers, or orders placed on one day only.
            return p.OneTimeBuyers == p.Customers ? "all bought only once"
                : p.OneTimeBuyers == 0 ? "each bought on a single day" : $"{Pct(oneTime)} bought only once; the others bought on a single day";
        }
        var every = $"buy every {gap.ToString("0", Invariant)} days (median)";
        return oneTime >= OneTimeShareToMention ? $"{Pct(oneTime)} bought only once; the others {every}" : $"they {every}";
    }

    private static string Pct(double share) => PercentText.Format(share);
}
