using Segmenta.Segmentation;

namespace Segmenta.Reporting.Sections;

/// <summary>
/// Section 1: which segmentation to act on, the three decisions it supports (who to retain, who to win back, what to
/// offer) with their numbers, then the headline facts. Every number here is computed by the same function that the
/// section it comes from uses (<see cref="RfmSection.Shares"/>, <see cref="RfmSection.ActionOf"/>), so the summary and
/// the sections cannot disagree; a test compares them in the written report.
/// </summary>
internal static class SummarySection
{
    internal const string Title = "Summary";

    /// <summary>RFM segments a retention campaign is for.</summary>
    internal static readonly string[] RetainSegments = ["Champions", "Loyal Customers"];

    /// <summary>RFM segments a win-back campaign is for: valuable customers who stopped buying.</summary>
    internal static readonly string[] WinBackSegments = ["Can't Lose Them", "At Risk"];

    internal static void Write(Html html, ReportData data)
    {
        var clusters = data.Segmentations.FirstOrDefault(s => s.Segmentation.IsClustering() && s.Segments.Count > 0);
        html.Raw("<p class=\"lead\">").Raw(Html.Text(Roles(clusters, Outside(data, clusters)))).Raw("</p>\n");
        html.Raw("<p><strong>Three decisions this report supports</strong></p>\n<ol class=\"five\">\n");
        foreach (var decision in new[] { Decision(data, "Retain", RetainSegments), Decision(data, "Win back", WinBackSegments), Offer(data) })
        {
            html.Raw("<li>").Raw(Html.Text(decision)).Raw("</li>\n");
        }
        html.Raw("</ol>\n<p><strong>The business at a glance</strong></p>\n");
        html.List(Facts(data, clusters));
    }

    /// <summary>What each segmentation is for, in one sentence each.</summary>
    internal static string Roles(SegmentationReport? clusters, SegmentRow? outside) =>
        $"Act on the RFM segments: every customer is scored 1–5 on recency, frequency and spend and falls in one named segment with one action, so they make the campaign lists (out/activation/{(clusters is null ? "" : "rfm/")}). "
        + (clusters is null
            ? "No clusters were computed in this run."
            : $"Use the {ClusterCount(clusters, outside)} {(clusters.Segmentation == SegmentationKind.GaussianMixture ? "Gaussian-mixture" : "K-Means")} clusters{OutsideNote(outside)} to understand how groups of customers buy and to plan offers and budgets: they group customers on several behaviours at once, so they are a map of the base rather than a mailing rule.");

    /// <summary>
    /// The group of extreme customers set apart from the clusters (numbered k, after them: <see cref="SegmentationModel.ExtremeSegment"/>),
    /// when the run has one: it is reported with the segments but is not a cluster.
    /// </summary>
    internal static SegmentRow? Outside(ReportData data, SegmentationReport? clusters) =>
        clusters is not null && data.Clustering is { } model && model.Segmentation == clusters.Segmentation
            ? clusters.Segments.FirstOrDefault(s => s.Id >= model.K)
            : null;

    private static int ClusterCount(SegmentationReport clusters, SegmentRow? outside) => clusters.Segments.Count - (outside is null ? 0 : 1);

    private static string OutsideNote(SegmentRow? outside) =>
        outside is null ? "" : $", plus {Html.Number(outside.Customers)} {(outside.Customers == 1 ? "customer" : "customers")} set apart as “{outside.Name}”,";

    /// <summary>A campaign on a group of RFM segments: its size, its share of net sales, and the action profiling chose.</summary>
    private static string Decision(ReportData data, string verb, string[] segmentNames)
    {
        var rows = data.RfmSegments.Where(s => segmentNames.Contains(s.Segment)).ToList();
        if (rows.Count == 0)
        {
            return $"{verb}: no customers in {string.Join(" or ", segmentNames)}.";
        }
        var parts = rows.Select(r =>
        {
            var (customerShare, revenueShare) = RfmSection.Shares(data, r);
            var sales = data.HasAmounts ? $", {Html.Percent(revenueShare)} of net sales" : "";
            return $"{Html.Number(r.Customers)} {r.Segment} ({Html.Percent(customerShare)} of customers{sales}): {RfmSection.ActionOf(data, r)}";
        });
        return $"{verb}: " + string.Join(" ", parts);
    }

    /// <summary>What to offer: the recommendation lists and how much better they did than best-sellers offline.</summary>
    private static string Offer(ReportData data)
    {
        var evaluation = data.Recommendations?.Evaluation ?? [];
        var used = evaluation.FirstOrDefault(r => r.IsDefault && r.Setting == "NewItems") ?? evaluation.FirstOrDefault(r => r.IsDefault);
        var baseline = evaluation.Where(r => r.Setting == used?.Setting && r.Method is "GlobalPopularity" or "RecentPopularity").MaxBy(r => r.Precision);
        if (used is null || baseline is null)
        {
            var top = data.Exploration?.TopProducts.FirstOrDefault(p => p.Ranking == Exploration.ProductRanking.Revenue);
            return top is null
                ? "What to offer: no recommendations were computed in this run."
                : $"What to offer: no personal recommendations were computed in this run; the best-selling product is {top.Description ?? top.StockCode}.";
        }
        return $"What to offer: send each customer their own list (out/recommendations.csv). Tested on purchases after {used.Cutoff:d MMM yyyy}, "
            + $"{used.Method} lists held {Html.Number(used.Precision * used.K, 2)} of {used.K} products the customer then bought, against {Html.Number(baseline.Precision * baseline.K, 2)} for {baseline.Method} (see Recommendations).";
    }

    private static List<string> Facts(ReportData data, SegmentationReport? clusters)
    {
        var o = data.Overview;
        if (data.AmountNote is { } noAmount)
        {
            return WithoutAmounts(data, clusters, noAmount);
        }
        var netSales = RfmSection.NetSales(data);
        var facts = new List<string>
        {
            $"Net sales (after returns) of the analysed customers: {data.Currency}{Html.Number(netSales)} from {Html.Number(o.Orders)} orders between {o.FirstDate:d MMM yyyy} and {o.LastDate:d MMM yyyy} "
                + $"({Html.Number(o.Products)} products, {Html.Number(o.Countries)} countries).",
            $"Customers: {Html.Number(o.Customers)}; the average customer spent {data.Currency}{Html.Number(netSales / Math.Max(1, o.Customers))} net over {Html.Number(data.Customers["frequency"].Average(), 1)} orders; "
                + $"the top 20% of customers bring {Html.Percent(TopShare(data.Customers["monetary"], 0.2))} of net sales.",
        };
        if (clusters is not null)
        {
            var top = clusters.Segments.MaxBy(s => s.RevenueShare)!;
            facts.Add($"Clusters: {ClusterCount(clusters, Outside(data, clusters))}{OutsideNote(Outside(data, clusters)).TrimEnd(',')} — see Choosing the segments; the most valuable, {top.Name}, are {Html.Percent(top.CustomerShare)} of customers and bring {Html.Percent(top.RevenueShare)} of net sales. {top.Action}");
        }
        if (data.Exploration is { } x && PartialPeriods.Note(x.Monthly.Select(m => m.Month), o.FirstDate, o.LastDate) is { } note)
        {
            facts.Add(note);
        }
        return facts;
    }

    /// <summary>No amount in the file: orders and customers, no money; the note says once what was skipped.</summary>
    private static List<string> WithoutAmounts(ReportData data, SegmentationReport? clusters, string noAmount)
    {
        var o = data.Overview;
        var facts = new List<string>
        {
            noAmount,
            $"{Html.Number(o.Orders)} orders between {o.FirstDate:d MMM yyyy} and {o.LastDate:d MMM yyyy} ({Html.Number(o.Products)} products, {Html.Number(o.Countries)} countries).",
            $"Customers: {Html.Number(o.Customers)}, {Html.Number(data.Customers["frequency"].Average(), 1)} orders each on average.",
        };
        if (clusters is not null)
        {
            var largest = clusters.Segments.MaxBy(s => s.CustomerShare)!;
            facts.Add($"Clusters: {ClusterCount(clusters, Outside(data, clusters))}{OutsideNote(Outside(data, clusters)).TrimEnd(',')} — see Choosing the segments; the largest, {largest.Name}, are {Html.Percent(largest.CustomerShare)} of customers. {largest.Action}");
        }
        if (data.Exploration is { } x && PartialPeriods.Note(x.Monthly.Select(m => m.Month), o.FirstDate, o.LastDate) is { } note)
        {
            facts.Add(note);
        }
        return facts;
    }

    /// <summary>Share of the total held by the largest <paramref name="fraction"/> of values.</summary>
    internal static double TopShare(IReadOnlyList<double> values, double fraction)
    {
        var sorted = values.Where(double.IsFinite).OrderDescending().ToArray();
        var total = sorted.Sum();
        var count = (int)Math.Ceiling(sorted.Length * fraction);
        return total == 0 ? 0 : sorted.Take(count).Sum() / total;
    }
}
