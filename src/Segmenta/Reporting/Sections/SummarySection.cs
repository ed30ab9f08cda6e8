using Segmenta.Features;

namespace Segmenta.Reporting.Sections;

/// <summary>Section 1: the five things a manager should know, each with its number.</summary>
internal static class SummarySection
{
    internal const string Title = "Summary";

    internal static void Write(Html html, ReportData data)
    {
        var o = data.Overview;
        var monetary = data.Customers["monetary"];
        var revenue = monetary.Sum();
        var topShare = TopShare(monetary, 0.2);
        var champions = data.RfmSegments.FirstOrDefault(s => s.Segment == "Champions");
        var lapsing = data.RfmSegments.Where(s => s.Segment is "At Risk" or "Can't Lose Them").ToList();
        var biggest = data.RfmSegments.MaxBy(s => s.Revenue);
        var things = new List<string>
        {
            $"Revenue: {data.Currency}{Html.Number(revenue)} from {Html.Number(o.Orders)} orders between {o.FirstDate:d MMM yyyy} and {o.LastDate:d MMM yyyy} "
                + $"({Html.Number(o.Products)} products, {Html.Number(o.Countries)} countries).",
            $"Customers: {Html.Number(o.Customers)}; the average customer spent {data.Currency}{Html.Number(revenue / Math.Max(1, o.Customers))} over {Html.Number(data.Customers["frequency"].Average(), 1)} orders.",
            ClusterSummary(data) ?? (biggest is null ? "No segments." :
                $"Segments: {data.RfmSegments.Count} RFM segments; the largest by revenue is {biggest.Segment} ({Html.Percent((double)biggest.Customers / o.Customers)} of customers, {Html.Percent(biggest.Revenue / revenue)} of revenue)."),
            $"Who matters most: the top 20% of customers bring {Html.Percent(topShare)} of revenue"
                + (champions is null ? "." : $"; the {Html.Number(champions.Customers)} Champions alone bring {Html.Percent(champions.Revenue / revenue)}."),
            lapsing.Count == 0 ? "What to do next: keep rewarding the best customers." :
                $"What to do next: {Html.Number(lapsing.Sum(s => s.Customers))} customers who used to spend well are lapsing (At Risk, Can't Lose Them; "
                + $"{data.Currency}{Html.Number(lapsing.Sum(s => s.Revenue))} of past revenue): {Action("At Risk")}",
        };
        html.Raw("<ol class=\"five\">\n");
        foreach (var thing in things)
        {
            html.Raw("<li>").Raw(Html.Text(thing)).Raw("</li>\n");
        }
        html.Raw("</ol>\n");
    }

    /// <summary>The clusters in a sentence: how many, the most valuable one, and its action (null without clustering).</summary>
    private static string? ClusterSummary(ReportData data)
    {
        var clusters = data.Segmentations.FirstOrDefault(s => s.Segmentation != "rfm");
        if (clusters is null || clusters.Segments.Count == 0)
        {
            return null;
        }
        var top = clusters.Segments.MaxBy(s => s.RevenueShare)!;
        return $"Segments: {clusters.Segments.Count} customer segments (see Choosing the segments); {top.Name} are {Html.Percent(top.CustomerShare)} of customers and bring "
            + $"{Html.Percent(top.RevenueShare)} of revenue. {top.Action}";
    }

    internal static string Action(string segment) =>
        RfmSegmentRule.Default.FirstOrDefault(r => r.Segment == segment)?.Action ?? "";

    /// <summary>Share of the total held by the largest <paramref name="fraction"/> of values.</summary>
    internal static double TopShare(IReadOnlyList<double> values, double fraction)
    {
        var sorted = values.Where(double.IsFinite).OrderDescending().ToArray();
        var total = sorted.Sum();
        var count = (int)Math.Ceiling(sorted.Length * fraction);
        return total == 0 ? 0 : sorted.Take(count).Sum() / total;
    }
}
