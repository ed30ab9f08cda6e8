using System.Globalization;
using Segmenta.Profiling;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>Segments: re-run form, model selection, the 2-D scatter, profiles with heatmap, names, actions and downloads.</summary>
internal static class SegmentsPage
{
    private static readonly string[] HeatmapFeatures = ["recency", "frequency", "monetary", "average_order_value", "tenure_days", "distinct_products", "return_rate"];

    internal static string Render(SegmentaStore store, string antiforgeryField, string antiforgeryToken, Jobs.JobStatus? job)
    {
        var page = new Page("Segments", "/segments");
        page.JobBanner(job, "run-message", "run-error");
        var clustering = SegmentationTables.Clustering(store);
        WriteForm(page, store, clustering, antiforgeryField, antiforgeryToken);
        var segmentation = clustering?.Segmentation ?? SegmentCatalog.Primary(store) ?? SegmentationKind.Rfm;
        var segments = SegmentCatalog.Segments(store, segmentation);
        if (clustering is not null)
        {
            page.Heading($"Why {clustering.K} segments").Paragraph(clustering.Explanation);
            WriteSelectionCharts(page, clustering);
            WriteScatter(page, store, clustering, segments);
        }
        WriteProfiles(page, store, segmentation, segments);
        return page.Render();
    }

    private static void WriteForm(Page page, SegmentaStore store, StoredClustering? clustering, string field, string token)
    {
        var algorithm = (clustering?.Segmentation ?? SegmentationKind.KMeans).Id();
        var k = clustering is { Rows.Count: 0 } ? clustering.K.ToString(CultureInfo.InvariantCulture) : "auto";
        var robust = SegmentationTables.Model(store)?.Transform.Scaling == Segmentation.Scaling.Robust;
        var features = SegmentationTables.ClusterableFeatures(store);
        var chosen = SegmentationTables.ClusteringFeatures(store) is { Count: > 0 } current ? current : Segmentation.SegmentationOptions.DefaultFeatures;
        var checkboxes = string.Join(" ", features.Select(f =>
            $"<label style=\"flex-direction:row;gap:4px\"><input type=\"checkbox\" name=\"features\" value=\"{Page.E(f)}\"{(chosen.Contains(f) ? " checked" : "")}>{Page.E(f)}</label>"));
        page.Raw($"""
            <form class="card" method="post" action="/segments/run" id="segment-form" data-job-form="/segments">
            <input type="hidden" name="{Page.E(field)}" value="{Page.E(token)}">
            <div class="inline" style="display:flex;gap:12px;flex-wrap:wrap;align-items:end">
            <label>Algorithm<select name="algorithm"><option value="kmeans"{(algorithm == "kmeans" ? " selected" : "")}>K-Means</option><option value="gmm"{(algorithm == "gmm" ? " selected" : "")}>Gaussian mixture</option></select></label>
            <label>Segments (k)<input name="k" value="{k}" size="5" id="k-input" title="auto, or a number of segments (2 or more)"></label>
            <label>Scaling<select name="scaling"><option value="standard">standard</option><option value="robust"{(robust ? " selected" : "")}>robust</option></select></label>
            <button type="submit" id="run-button">Re-run segmentation</button> <button type="button" class="cancel secondary" id="run-cancel" hidden>Cancel</button> <progress id="segment-form-progress" max="1" hidden></progress> <span id="segment-form-status" class="note" role="status"></span>
            </div>
            <details><summary>Features ({chosen.Count} chosen)</summary><div style="display:flex;flex-wrap:wrap;gap:8px;margin-top:8px">{checkboxes}</div></details>
            </form>
            """);
        if (SegmentationTables.Model(store) is { } model)
        {
            page.Paragraph("The models saw: " + string.Join("; ", model.Transform.Describe()) + ".", "note");
        }
    }

    private static void WriteSelectionCharts(Page page, StoredClustering clustering)
    {
        if (clustering.Rows.Count == 0)
        {
            page.Paragraph($"k = {clustering.K} was given, so no range was compared.", "note");
            return;
        }
        var ks = clustering.Rows.Select(r => r.K).ToArray();
        var bic = clustering.Rows.All(r => r.Bic is not null);
        var curve = bic ? clustering.Rows.Select(r => r.Bic!.Value).ToArray() : clustering.Rows.Select(r => r.Inertia).ToArray();
        var chosen = new { type = "line", x0 = clustering.K, x1 = clustering.K, yref = "paper", y0 = 0, y1 = 1, line = new { color = "black", width = 1.5 } };
        page.Raw("<div class=\"grid\">");
        page.Chart("elbow", new object[] { new { type = "scatter", mode = "lines+markers", x = ks, y = curve, name = bic ? "BIC" : "Inertia" } },
            new { title = new { text = bic ? "BIC by k (lower is better)" : "Inertia by k (the elbow marks diminishing returns)" }, shapes = new[] { chosen },
                xaxis = new { title = new { text = "Number of segments (k)" }, dtick = 1 }, yaxis = new { title = new { text = bic ? "BIC" : "Inertia" } } },
            "Line chart of the elbow criterion by number of segments, with the chosen k marked");
        page.Chart("criteria", new object[]
            {
                new { type = "scatter", mode = "lines+markers", x = ks, y = clustering.Rows.Select(r => r.Silhouette).ToArray(), name = "Silhouette (higher better)" },
                new { type = "scatter", mode = "lines+markers", x = ks, y = clustering.Rows.Select(r => r.DaviesBouldin).ToArray(), name = "Davies-Bouldin (lower better)" },
                new { type = "scatter", mode = "lines+markers", x = ks, y = clustering.Rows.Select(r => double.IsNaN(r.StabilityMean) ? (double?)null : r.StabilityMean).ToArray(), name = "Stability, ARI (higher better)" },
            },
            new { title = new { text = "Separation and stability by k" }, shapes = new[] { chosen }, xaxis = new { title = new { text = "Number of segments (k)" }, dtick = 1 },
                yaxis = new { title = new { text = "Score" } }, height = 480,
                // Under the chart, anchored to its bottom edge: in a half-width card the three entries wrap onto three rows,
                // which over the plot covered the title and beside the axis covered its title.
                legend = new { orientation = "h", x = 0, y = 0, yref = "container", yanchor = "bottom" }, margin = new { t = 56, r = 16, b = 140, l = 64 } },
            "Line chart of silhouette, Davies-Bouldin and bootstrap stability by number of segments");
        page.Raw("</div>");
    }

    private static void WriteScatter(Page page, SegmentaStore store, StoredClustering clustering, IReadOnlyList<SegmentRecord> segments)
    {
        var names = segments.ToDictionary(s => s.SegmentId, s => s.Name);
        var traces = SegmentationTables.Projection(store).GroupBy(p => p.SegmentId).OrderBy(g => g.Key).Select(g => (object)new
        {
            type = "scatter",
            mode = "markers",
            name = $"{g.Key}: {names.GetValueOrDefault(g.Key, "")}",
            x = g.Select(p => Math.Round(p.X, 4)).ToArray(),
            y = g.Select(p => Math.Round(p.Y, 4)).ToArray(),
            text = g.Select(p => string.Create(CultureInfo.InvariantCulture, $"Customer {p.CustomerId}<br>Recency {p.Recency:0} d · Frequency {p.Frequency:0} · Monetary {p.Monetary:N0}")).ToArray(),
            hoverinfo = "text+name",
            marker = new { size = 5, opacity = 0.6, color = Reporting.Palette.For(g.Key) },
        }).ToArray();
        page.Heading("Customers on two principal components");
        page.Chart("scatter", traces,
            new { title = new { text = "Each dot is a customer, coloured by segment (click the legend to hide a segment)" }, height = 520,
                xaxis = new { title = new { text = $"PC1 ({Page.P(clustering.ExplainedVariance1)} of variance)" } },
                yaxis = new { title = new { text = $"PC2 ({Page.P(clustering.ExplainedVariance2)} of variance)" } } },
            "Scatter plot of every customer on the first two principal components, coloured by segment");
    }

    private static void WriteProfiles(Page page, SegmentaStore store, SegmentationKind segmentation, IReadOnlyList<SegmentRecord> segments)
    {
        page.Heading($"Profiles ({segmentation.Id()})");
        var indexes = SegmentCatalog.FeatureIndexes(store, segmentation).ToDictionary(i => (i.SegmentId, i.Feature), i => i.Index);
        page.Chart("heatmap", new object[]
            {
                new
                {
                    type = "heatmap",
                    x = HeatmapFeatures,
                    y = segments.Select(s => $"{s.SegmentId}: {s.Name}").ToArray(),
                    z = segments.Select(s => HeatmapFeatures.Select(f => indexes.TryGetValue((s.SegmentId, f), out var v) ? Math.Round(Math.Log2(Math.Max(v, 1e-3)), 3) : (double?)null).ToArray()).ToArray(),
                    text = segments.Select(s => HeatmapFeatures.Select(f => indexes.TryGetValue((s.SegmentId, f), out var v) ? v.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "").ToArray()).ToArray(),
                    texttemplate = "%{text}",
                    hovertemplate = "%{y}<br>%{x}: %{text} the average<extra></extra>",
                    colorscale = "RdBu", zmid = 0, zmin = -3, zmax = 3,
                    colorbar = new { title = new { text = "log2 index" } },
                },
            },
            new { title = new { text = "Segment mean ÷ average customer" }, height = Math.Max(300, 90 + 40 * segments.Count), yaxis = new { autorange = "reversed", automargin = true } },
            "Heatmap of each segment's feature means relative to the average customer");
        page.Table(["#Id", "Name", "#Customers", "#Customer share", "#Revenue share", "Rule that describes it", "Action"],
            segments.Select(s => (IReadOnlyList<string>)
            [
                s.SegmentId.ToString(CultureInfo.InvariantCulture), s.Name, Page.N(s.Customers), Page.P(s.CustomerShare), Page.P(s.RevenueShare),
                s.Explanation, s.Action,
            ]), "profiles");
        page.Raw("<p class=\"note\">Activation lists (CSV for a campaign tool): ")
            .Raw(string.Join(" · ", segments.Select(s =>
                $"<a href=\"/segments/{segmentation.Id()}/{s.SegmentId}/activation.csv\">{Page.E(s.Name)}</a>")))
            .Raw("</p>\n");
    }
}
