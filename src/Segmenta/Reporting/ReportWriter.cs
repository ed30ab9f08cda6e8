using System.Text;
using Segmenta.Reporting.Sections;
using Segmenta.Store;

namespace Segmenta.Reporting;

/// <summary>
/// Writes the analysis as one self-contained HTML file: inline CSS and SVG charts, no scripts, no external
/// fonts or links, so it opens offline in any browser and can be mailed as is.
/// </summary>
public static class ReportWriter
{
    private delegate void SectionWriter(Html html, ReportData data);

    private delegate bool SectionApplies(ReportData data);

    /// <summary>
    /// Writes the report of what <paramref name="store"/> holds to <paramref name="path"/>; <paramref name="run"/> tells
    /// which run made it (null: the method section says the preset and as-of date are unknown).
    /// </summary>
    public static ReportResult Write(SegmentaStore store, string path, ReportOptions options, ReportRun? run = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = ReportDataLoader.Load(store, options, run);
        // Each section appears when the run produced its data.
        var sections = new List<(string Id, string Title, SectionWriter Write, SectionApplies Applies)>
        {
            ("summary", SummarySection.Title, SummarySection.Write, _ => true),
            ("data", DataSection.Title, DataSection.Write, _ => true),
            ("exploration", ExplorationSection.Title, ExplorationSection.Write, ExplorationSection.Applies),
            ("categories", CategoriesSection.Title, CategoriesSection.Write, CategoriesSection.Applies),
            ("features", FeaturesSection.Title, FeaturesSection.Write, _ => true),
            ("rfm", RfmSection.Title, RfmSection.Write, _ => true),
            ("choosing", ChoosingSection.Title, ChoosingSection.Write, ChoosingSection.Applies),
            ("segments", SegmentsSection.Title, SegmentsSection.Write, SegmentsSection.Applies),
            ("recommendations", RecommendationsSection.Title, RecommendationsSection.Write, RecommendationsSection.Applies),
            ("lifetime", LifetimeSection.Title, LifetimeSection.Write, LifetimeSection.Applies),
            ("method", MethodSection.Title, MethodSection.Write, _ => true),
        }.Where(s => s.Applies(data)).ToList();
        var body = new Html();
        foreach (var (id, title, write, _) in sections)
        {
            body.Raw($"<section id=\"{id}\">\n<h2>{Html.Text(title)}</h2>\n");
            write(body, data);
            body.Raw("</section>\n");
        }

        var document = new StringBuilder();
        document.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Html.Text(options.Title)).Append("</title>\n<style>\n")
            .Append(SqlScripts.Get("Reporting/report.css")).Append("</style>\n</head>\n<body>\n<header>\n<h1>")
            .Append(Html.Text(options.Title)).Append("</h1>\n<p>")
            .Append(Html.Text($"{string.Join(", ", data.Imports.Select(i => i.SourceName))} · {data.Overview.FirstDate:d MMM yyyy} to {data.Overview.LastDate:d MMM yyyy} · {Html.Number(data.Overview.Customers)} customers"))
            .Append("</p>\n</header>\n<main>\n<nav class=\"toc\" aria-label=\"Contents\"><strong>Contents</strong><ol>\n");
        foreach (var (id, title, _, _) in sections)
        {
            document.Append("<li><a href=\"#").Append(id).Append("\">").Append(Html.Text(title)).Append("</a></li>\n");
        }
        document.Append("</ol></nav>\n").Append(body).Append("</main>\n</body>\n</html>\n");

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, document.ToString(), new UTF8Encoding(false));
        return new ReportResult(full, new FileInfo(full).Length, sections.Select(s => s.Title).ToList(), body.Charts);
    }
}
