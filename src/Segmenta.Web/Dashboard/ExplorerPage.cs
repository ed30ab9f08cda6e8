using System.Globalization;
using Segmenta.Profiling;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>Explorer: RFM segments (the R × F grid with counts and spend) and clusters side by side; each segment links to its customers.</summary>
internal static class ExplorerPage
{
    internal static string Render(SegmentaStore store)
    {
        var page = new Page("Explorer", "/explore");
        var all = SegmentCatalog.Segments(store);
        if (all.Count == 0)
        {
            page.Paragraph("This database holds no segments yet: run segmenta analyze FILE --out DIR and reload.", "note");
            return page.Render();
        }
        page.Raw("<div class=\"grid\">\n<section class=\"card\" id=\"rfm-side\">");
        page.Heading("RFM segments");
        WriteGrid(page, SegmentMembers.RfmGrid(store));
        WriteSegments(page, all.Where(s => s.Segmentation == SegmentationKind.Rfm).ToList(), "rfm-segments");
        page.Raw("</section>\n<section class=\"card\" id=\"cluster-side\">");
        var clusters = all.Where(s => s.Segmentation.IsClustering()).ToList();
        page.Heading(clusters.Count == 0 ? "Clusters" : $"Clusters ({clusters[0].Segmentation.Id()})");
        if (clusters.Count == 0)
        {
            page.Paragraph("No clustering in this database (it was run with --no-clusters).", "note");
        }
        else
        {
            WriteSegments(page, clusters, "cluster-segments");
        }
        page.Raw("</section>\n</div>\n");
        return page.Render();
    }

    private static void WriteGrid(Page page, IReadOnlyList<RfmCell> cells)
    {
        if (cells.Count == 0)
        {
            return;
        }
        var byScore = cells.ToDictionary(c => (c.RScore, c.FScore));
        var most = cells.Max(c => c.Customers);
        var scores = Enumerable.Range(1, Math.Max(cells.Max(c => c.RScore), cells.Max(c => c.FScore))).ToArray();
        page.Raw("<p class=\"note\">Customers by recency score (rows, 5 = bought most recently) and frequency score (columns, 5 = most orders), with their net spend.</p>\n");
        page.Raw("<div class=\"scroll\"><table class=\"rfm-grid\" id=\"rfm-grid\"><thead><tr><th>R \\ F</th>");
        page.Raw(string.Concat(scores.Select(f => $"<th class=\"n\">F{f}</th>"))).Raw("</tr></thead><tbody>\n");
        foreach (var r in scores.Reverse())
        {
            page.Raw($"<tr><th>R{r}</th>");
            foreach (var f in scores)
            {
                if (byScore.TryGetValue((r, f), out var cell))
                {
                    var shade = 0.08 + 0.6 * cell.Customers / most;
                    page.Raw($"<td class=\"n\" style=\"background:rgba(11,110,153,{shade.ToString("0.00", CultureInfo.InvariantCulture)})\" title=\"R{r} F{f}\"><a class=\"cell\" href=\"/explore/cell/{r}/{f}\"><b>{Page.N(cell.Customers)}</b><br><small>{Page.N(cell.Monetary)}</small></a></td>");
                }
                else
                {
                    page.Raw("<td></td>");
                }
            }
            page.Raw("</tr>\n");
        }
        page.Raw("</tbody></table></div>\n");
    }

    private static void WriteSegments(Page page, IReadOnlyList<SegmentRecord> segments, string id)
    {
        page.Raw($"<div class=\"scroll\"><table id=\"{id}\"><thead><tr><th>Segment</th><th class=\"n\">Customers</th><th class=\"n\">Net sales</th><th class=\"n\">Share of sales</th><th>Action</th></tr></thead><tbody>\n");
        foreach (var s in segments)
        {
            var link = $"/explore/{s.Segmentation.Id()}/{s.SegmentId}";
            page.Raw($"<tr><td><a href=\"{link}\">{Page.E(s.Name)}</a></td><td class=\"n\">{Page.N(s.Customers)}</td><td class=\"n\">{Page.N(s.Revenue)}</td><td class=\"n\">{Page.P(s.RevenueShare)}</td><td>{Page.E(s.Action)}</td></tr>\n");
        }
        page.Raw("</tbody></table></div>\n");
    }
}
