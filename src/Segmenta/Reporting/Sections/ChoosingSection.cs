using System.Globalization;
using Segmenta.Segmentation;

namespace Segmenta.Reporting.Sections;

/// <summary>Choosing the segments: the elbow, the criteria by k, stability, and the sentence that explains the choice.</summary>
internal static class ChoosingSection
{
    internal const string Title = "Choosing the segments";

    internal static bool Applies(ReportData data) => data.Clustering is not null;

    internal static void Write(Html html, ReportData data)
    {
        var clustering = data.Clustering!;
        html.Why("The number of segments is a choice, not a fact of the data. Several criteria are computed for every k so that the choice can be checked: inertia (its elbow marks where more segments stop paying off), silhouette (higher = better separated), Davies-Bouldin (lower = better), Calinski-Harabasz (higher = better), BIC for mixtures (lower = better), and bootstrap stability (do fits on resampled customers find the same segments?). Separation criteria on their own usually favour two segments, which only split good customers from the rest.");
        html.Raw("<p><strong>The choice: </strong>").Raw(Html.Text(clustering.Explanation)).Raw("</p>\n");
        var rows = clustering.Selection;
        if (rows.Count == 0)
        {
            html.Paragraph($"k = {clustering.K} was given on the command line (--k), so no range was compared.");
            return;
        }
        var ks = rows.Select(r => r.K).ToList();
        var marks = new List<(int, string)> { (clustering.K, $"chosen k={clustering.K}") };
        if (rows.FirstOrDefault(r => r.IsKnee) is { } knee && knee.K != clustering.K)
        {
            marks.Add((knee.K, $"elbow k={knee.K}"));
        }
        var hasBic = rows.All(r => r.Bic is not null);
        if (hasBic)
        {
            html.Figure("BIC by number of segments",
                $"Line chart of the Bayesian information criterion of the mixture for k = {ks[0]} to {ks[^1]} (lower is better), with the elbow and the chosen k = {clustering.K} marked.",
                ChartFactory.LinesOverK("BIC of the Gaussian mixture by k (lower = better fit for its size)", ks, [("BIC", [.. rows.Select(r => r.Bic!.Value)])], "BIC", marks));
        }
        else
        {
            html.Figure("Inertia by number of segments",
                $"Line chart of within-segment sum of squares for k = {ks[0]} to {ks[^1]}; it falls as k grows, with the elbow and the chosen k = {clustering.K} marked.",
                ChartFactory.LinesOverK("Inertia (within-segment sum of squares) by k", ks, [("Inertia", [.. rows.Select(r => r.Inertia)])], "Inertia (scaled units²)", marks));
        }
        html.Figure("Separation and stability by number of segments",
            "Line chart of silhouette, Davies-Bouldin and bootstrap stability (adjusted Rand index) by k, with the chosen k marked.",
            ChartFactory.LinesOverK("Silhouette (↑), Davies-Bouldin (↓) and stability (↑) by k", ks,
                [("Silhouette", [.. rows.Select(r => r.Silhouette)]), ("Davies-Bouldin", [.. rows.Select(r => r.DaviesBouldin)]),
                 ("Stability (ARI)", [.. rows.Select(r => r.StabilityMean)])], "Score", marks));
        html.Table(
            ["#k", "#Inertia", "#Silhouette", "#Davies-Bouldin", "#Calinski-Harabasz", .. hasBic ? new[] { "#BIC" } : [], "#Stability (ARI ± sd)", "#Stability, 10th percentile", "#Smallest segment", "Note"],
            rows.Select(r => (IReadOnlyList<string>)
            [
                r.K.ToString(CultureInfo.InvariantCulture), Html.Number(r.Inertia, 1), Html.Number(r.Silhouette, 3), Html.Number(r.DaviesBouldin, 3),
                Html.Number(r.CalinskiHarabasz, 1), .. hasBic ? new[] { Html.Number(r.Bic!.Value, 0) } : [],
                double.IsNaN(r.StabilityMean) ? "" : $"{Html.Number(r.StabilityMean, 2)} ± {Html.Number(r.StabilityStd, 2)}",
                double.IsNaN(r.StabilityLow) ? "" : Html.Number(r.StabilityLow, 2),
                double.IsNaN(r.SmallestShare) ? "" : Html.Percent(r.SmallestShare, 1),
                string.Join(", ", new[] { r.Chosen ? "chosen" : null, r.IsKnee ? "elbow" : null, r.SetAside is { } why ? "set aside: " + why : null }.Where(n => n is not null)),
            ]),
            $"Model selection for {(rows[0].Algorithm == ClusteringAlgorithm.KMeans ? "K-Means" : "Gaussian mixtures")} (also in model-selection.csv)");
    }

    /// <summary>The 2-D projection coloured by segment, and R, F, M box plots per segment.</summary>
    internal static void WritePictures(Html html, ReportData data)
    {
        var clustering = data.Clustering!;
        var segments = clustering.Segments;
        var variance = $"{Html.Percent(clustering.ExplainedVariance1, 0)} and {Html.Percent(clustering.ExplainedVariance2, 0)}";
        var (drawn, customers) = (segments.Sum(s => (long)s.Xs.Length), segments.Sum(s => (long)s.Recency.Length));
        var who = drawn == customers
            ? $"{Html.Number(customers)} customers"
            : $"a sample of {Html.Number(drawn)} of the {Html.Number(customers)} customers (those with the smallest hash of their id, in every segment)";
        html.Figure("Customers on the first two principal components, by segment",
            $"Scatter plot of {who} on two principal components of the scaled features (they explain {variance} of the variance), one colour per segment.",
            ChartFactory.GroupedScatter("Customers on two principal components, coloured by segment",
                segments.Select(s => ($"{s.SegmentId}: {s.Name}", s.SegmentId, s.Xs, s.Ys)).ToList(),
                $"PC1 ({Html.Percent(clustering.ExplainedVariance1, 0)} of variance)", $"PC2 ({Html.Percent(clustering.ExplainedVariance2, 0)} of variance)"));
        html.Raw("<div class=\"row\">\n");
        foreach (var (label, unit, select) in new (string, string, Func<ClusterPoints, double[]>)[]
        {
            ("Recency", "Days since last order", s => s.Recency),
            ("Frequency", "Orders", s => s.Frequency),
            ("Monetary", $"Spend ({data.Currency})", s => s.Monetary),
        })
        {
            if (!segments.Any(s => select(s).Any(double.IsFinite)))
            {
                continue; // Monetary of a file without amounts.
            }
            html.Figure($"{label} by segment",
                $"Box plots of {label.ToLowerInvariant()} for each of the {segments.Count} segments (box: quartiles, bar: median, whiskers: 5th to 95th percentile).",
                ChartFactory.Boxes($"{label} by segment", segments.Select(s => (s.Name, s.SegmentId, select(s))).ToList(), unit));
        }
        html.Raw("</div>\n");
    }
}
