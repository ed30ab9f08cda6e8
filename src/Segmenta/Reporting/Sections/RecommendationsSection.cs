namespace Segmenta.Reporting.Sections;

/// <summary>Recommendations: example lists for customers of each segment, and the offline evaluation against baselines.</summary>
internal static class RecommendationsSection
{
    internal const string Title = "Recommendations";

    internal static bool Applies(ReportData data) => data.Recommendations is not null;

    internal static void Write(Html html, ReportData data)
    {
        var report = data.Recommendations!;
        html.Why("A recommender is only worth using if it beats what a shop would do anyway (show the best-sellers). Every method was trained on the purchases up to a cut date and asked to predict what each customer bought afterwards. The lists (out/recommendations.csv) mix two kinds of picks: buy-again (products the customer re-orders, when a re-order is due) and new products (EASE), ranked by the purchase probability two models learned on the months before the cut.");
        var best = report.Evaluation.FirstOrDefault(r => r.IsDefault && r.Setting == "NewItems") ?? report.Evaluation.FirstOrDefault(r => r.IsDefault);
        var baselines = report.Evaluation.Where(r => r.Setting == best?.Setting && r.Method is "GlobalPopularity" or "RecentPopularity").ToList();
        if (best is not null && baselines.Count > 0)
        {
            var baseline = baselines.MaxBy(b => b.Precision)!;
            html.Paragraph($"Trained up to {best.Cutoff:yyyy-MM-dd} and tested on {Tested(best)} customers active on both sides: {best.Method} recommends, in {best.K} new products, {Html.Number(best.Precision * best.K, 2)} that the customer then bought, against {Html.Number(baseline.Precision * baseline.K, 2)} for {baseline.Method} ({Html.Number(best.Precision / Math.Max(baseline.Precision, 1e-9), 2)}× as many; 95% intervals {Html.Number(best.PrecisionLow * best.K, 2)}–{Html.Number(best.PrecisionHigh * best.K, 2)} vs {Html.Number(baseline.PrecisionLow * baseline.K, 2)}–{Html.Number(baseline.PrecisionHigh * baseline.K, 2)} products in {best.K}).");
        }
        if (report.Evaluation.FirstOrDefault(r => r.IsDefault && r.Setting == "AllItems") is { } all
            && report.Evaluation.FirstOrDefault(r => r.Method == "PastFavourites" && r.Setting == "AllItems") is { } favourites)
        {
            html.Paragraph($"Counting re-purchases too, {all.Method} gets {Html.Number(all.Precision * all.K, 2)} of {all.K} right against {Html.Number(favourites.Precision * favourites.K, 2)} for the customer's own past favourites (95% intervals {Html.Number(all.PrecisionLow * all.K, 2)}–{Html.Number(all.PrecisionHigh * all.K, 2)} vs {Html.Number(favourites.PrecisionLow * favourites.K, 2)}–{Html.Number(favourites.PrecisionHigh * favourites.K, 2)} products in {all.K}).");
        }
        NewPicksPart.Write(html, report.NewPicks);
        foreach (var setting in new[] { ("NewItems", "New products only (what a campaign is for)"), ("AllItems", "All products (re-purchases count)") })
        {
            var k = report.Evaluation.FirstOrDefault(r => r.Setting == setting.Item1)?.K ?? 10;
            html.Table(["Method", $"#Precision@{k}", "#95% interval", $"#Recall@{k}", "#MAP", "#NDCG", "#Hit rate", "#Catalogue coverage"],
                report.Evaluation.Where(r => r.Setting == setting.Item1).Select(r => (IReadOnlyList<string>)
                [
                    r.IsDefault ? $"{r.Method} (used)" : r.Method, Html.Number(r.Precision, 4), $"{Html.Number(r.PrecisionLow, 4)}–{Html.Number(r.PrecisionHigh, 4)}",
                    Html.Number(r.Recall, 4), Html.Number(r.Map, 4), Html.Number(r.Ndcg, 4), Html.Percent(r.HitRate), Html.Percent(r.Coverage),
                ]),
                $"Offline evaluation: {setting.Item2}");
        }
        html.Table(["Segment", "Customer", "First recommendations (and why)"],
            report.Examples.Select(e => (IReadOnlyList<string>)[e.Segment, e.CustomerId, string.Join(" · ", e.Items.Select(i => $"{i.Description} ({i.Reason})"))]),
            "Example lists: the two biggest spenders of each segment");
    }

    /// <summary>"2,905" when every eligible customer was evaluated, "a sample of 10,000 of the 21,310" otherwise.</summary>
    private static string Tested(EvaluationRow row) =>
        row.EligibleCustomers > row.Customers
            ? $"a sample (by a hash of the customer id and the seed) of {Html.Number(row.Customers)} of the {Html.Number(row.EligibleCustomers)}"
            : Html.Number(row.Customers);
}
