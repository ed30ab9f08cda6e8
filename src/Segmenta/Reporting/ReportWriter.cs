using System.Text;
using Segmenta.Reporting.Sections;
using Segmenta.Store;

namespace Segmenta.Reporting;

/// <summary>
/// Writes the analysis as one self-contained HTML file: inline CSS and SVG charts, no scripts, no external
/// fonts or links, so it opens offline in any browser and can be mailed as is.
/// </summary>
public static partial class ReportWriter
{
    private delegate void SectionWriter(Html html, ReportData data);

    private delegate bool SectionApplies(ReportData data);

    /// <summary>A section of the report; <paramref name="ReadsRecommendations"/>: written only once the recommendations are stored.</summary>
    private sealed record Section(string Id, string Title, SectionWriter Write, SectionApplies Applies, bool ReadsRecommendations = false);

    // Each section appears when the run produced its data. The sections that read the recommendations draw no chart; the
    // others are drawn first (Draw), on two threads, and the charts' clip paths numbered in order once the file is put together.
    private static readonly Section[] Sections =
    [
        new("summary", SummarySection.Title, SummarySection.Write, _ => true, ReadsRecommendations: true),
        new("data", DataSection.Title, DataSection.Write, _ => true),
        new("exploration", ExplorationSection.Title, ExplorationSection.Write, ExplorationSection.Applies),
        new("categories", CategoriesSection.Title, CategoriesSection.Write, CategoriesSection.Applies),
        new("features", FeaturesSection.Title, FeaturesSection.Write, _ => true),
        new("rfm", RfmSection.Title, RfmSection.Write, _ => true),
        new("choosing", ChoosingSection.Title, ChoosingSection.Write, ChoosingSection.Applies),
        new("segments", SegmentsSection.Title, SegmentsSection.Write, SegmentsSection.Applies),
        new("recommendations", RecommendationsSection.Title, RecommendationsSection.Write, RecommendationsSection.Applies, ReadsRecommendations: true),
        new("lifetime", LifetimeSection.Title, LifetimeSection.Write, LifetimeSection.Applies),
        new("method", MethodSection.Title, MethodSection.Write, _ => true, ReadsRecommendations: true),
    ];

    /// <summary>
    /// Writes the report of what <paramref name="store"/> holds to <paramref name="path"/>; <paramref name="run"/> tells
    /// which run made it (null: the method section says the preset and as-of date are unknown).
    /// </summary>
    public static ReportResult Write(SegmentaStore store, string path, ReportOptions options, ReportRun? run = null) =>
        Draw(store, options, run).Finish(store, path);

    /// <summary>
    /// Everything of the report but the recommendations: its data read and every section that does not show them written,
    /// charts included. The pipeline draws it while the recommendations are computed (they write only their own tables)
    /// and finishes it once they are stored; the file is the same as <see cref="Write"/>'s, byte for byte.
    /// </summary>
    internal static ReportDraft Draw(SegmentaStore store, ReportOptions options, ReportRun? run) => DrawOnThreads(store, options, run, twoThreads: Environment.ProcessorCount > 1);

    /// <summary><see cref="Draw"/> on one thread or on two (<see cref="DrawOnTwoThreads"/>).</summary>
    internal static ReportDraft DrawOnThreads(SegmentaStore store, ReportOptions options, ReportRun? run, bool twoThreads)
    {
        ArgumentNullException.ThrowIfNull(options);
        ReportDataLoader.RequireAnalysis(store);
        return twoThreads ? DrawOnTwoThreads(store, options, run) : DrawOnOneThread(store, options, run);
    }

    /// <summary>A report whose sections without recommendations are written (<see cref="Draw"/>).</summary>
    internal sealed class ReportDraft(ReportOptions options, ReportData data, Html?[] written)
    {
        /// <summary>Reads the stored recommendations, writes the sections that show them and the file.</summary>
        public ReportResult Finish(SegmentaStore store, string path)
        {
            var complete = data with { Recommendations = RecommendationReportLoader.Load(store) };
            var sections = Sections.Select((s, i) => (Section: s, Html: written[i]))
                .Where(s => s.Html is not null || (s.Section.ReadsRecommendations && s.Section.Applies(complete)))
                .Select(s => (s.Section, Html: s.Html ?? Written(s.Section, complete)))
                .ToList();
            var document = new StringBuilder();
            document.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>").Append(Html.Text(options.Title)).Append("</title>\n<style>\n")
                .Append(SqlScripts.Get("Reporting/report.css")).Append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .Append(Html.Text(options.Title)).Append("</h1>\n<p>")
                .Append(Html.Text($"{string.Join(", ", complete.Imports.Select(i => i.SourceName))} · {complete.Overview.FirstDate:d MMM yyyy} to {complete.Overview.LastDate:d MMM yyyy} · {Html.Number(complete.Overview.Customers)} customers"))
                .Append("</p>\n</header>\n<main>\n<nav class=\"toc\" aria-label=\"Contents\"><strong>Contents</strong><ol>\n");
            foreach (var (section, _) in sections)
            {
                document.Append("<li><a href=\"#").Append(section.Id).Append("\">").Append(Html.Text(section.Title)).Append("</a></li>\n");
            }
            document.Append("</ol></nav>\n");
            var clipPaths = new Dictionary<string, int>();
            foreach (var (_, html) in sections)
            {
                html.AppendTo(document, clipPaths);
            }
            document.Append("</main>\n</body>\n</html>\n");

            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, document.ToString(), new UTF8Encoding(false));
            return new ReportResult(full, new FileInfo(full).Length, sections.Select(s => s.Section.Title).ToList(), sections.SelectMany(s => s.Html.Charts).ToList());
        }
    }

    private static Html Written(Section section, ReportData data)
    {
        var html = new Html();
        html.Raw($"<section id=\"{section.Id}\">\n<h2>{Html.Text(section.Title)}</h2>\n");
        section.Write(html, data);
        return html.Raw("</section>\n");
    }
}
