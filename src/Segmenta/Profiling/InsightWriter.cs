using System.Globalization;

namespace Segmenta.Profiling;

/// <summary>Plain sentences with numbers, generated from the profiles: one per segment, then comparisons.</summary>
internal static class InsightWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    internal static List<string> Write(IReadOnlyList<(SegmentProfile Profile, string Name)> segments, string currency)
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
            var gap = p.MedianOf("median_days_between_purchases");
            var rhythm = double.IsFinite(gap) ? $"they buy every {gap.ToString("0", Invariant)} days (median)" : "most bought only once";
            insights.Add($"Segment {p.SegmentId} ({name}): {Pct(p.CustomerShare)} of customers, {Pct(p.RevenueShare)} of revenue; {rhythm}; "
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
        var concentrated = segments.MaxBy(s => s.Profile.Top20RevenueShare);
        if (concentrated.Name is not null && double.IsFinite(concentrated.Profile.Top20RevenueShare))
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
            var gap = p.MedianOf("median_days_between_purchases");
            var rhythm = double.IsFinite(gap) ? $"they buy every {gap.ToString("0", Invariant)} days (median)" : "most bought only once";
            insights.Add($"Segment {p.SegmentId} ({name}): {Pct(p.CustomerShare)} of customers; {rhythm}; "
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

    private static string Pct(double share) => (share * 100).ToString("0.#", Invariant) + "%";
}
