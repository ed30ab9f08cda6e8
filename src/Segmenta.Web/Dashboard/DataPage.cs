using Segmenta.Cleaning;
using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>Data: the cleaning report, the quarantined lines (searchable), and the upload form for a new file.</summary>
internal static class DataPage
{
    internal const int QuarantineRows = 200;

    internal static string Render(SegmentaStore store, string? search, string antiforgeryField, string antiforgeryToken, long maxUploadBytes, Jobs.JobStatus? job, string? notice,
        (PendingUpload Upload, Loading.FilePreview Preview)? pending = null)
    {
        var page = new Page("Data", "/data");
        page.JobBanner(job, "upload-message", "upload-error");
        if (notice is not null)
        {
            page.Raw($"<p class=\"error\" id=\"upload-error\">{Page.E(notice)}</p>\n");
        }
        if (pending is { } waiting)
        {
            MappingStep.Render(page, waiting.Upload, waiting.Preview, antiforgeryField, antiforgeryToken);
        }
        page.Heading("Add a transaction file");
        page.Raw($"""
            <form class="card" method="post" action="/data/upload" enctype="multipart/form-data" id="upload-form" data-job-form="/data" data-max-bytes="{maxUploadBytes}">
            <input type="hidden" name="{Page.E(antiforgeryField)}" value="{Page.E(antiforgeryToken)}">
            <p class="note">CSV/TSV (optionally .gz), .xlsx or .parquet, up to {maxUploadBytes / (1024 * 1024)} MB. The file is imported, then the whole
            analysis runs again on everything the database holds. If the file cannot be read, nothing stored changes.</p>
            <div class="inline-fields">
            <label>File<input type="file" name="file" required id="upload-file"></label>
            <label>Cleaning<select name="cleaning"><option value="default">default</option><option value="classic">classic</option></select></label>
            <button type="submit" id="upload-button">Upload and analyse</button>
            </div>
            <p class="note">If the file's column names are not the usual ones, the next step shows its first rows and lets you pick its columns;
            <button type="submit" name="preview" value="1" class="secondary" id="upload-preview">Check the columns first</button> to see that step for any file.</p>
            <progress id="upload-progress" hidden></progress> <span id="upload-status" class="note" role="status"></span> <button type="button" class="cancel secondary" id="upload-cancel" hidden>Cancel</button>
            </form>
            """);
        var imports = Loading.ImportedFiles.List(store);
        page.Heading($"Imported files ({imports.Count})");
        page.Table(["File", "Format", "#Size", "#Lines read", "#Loaded", "#Quarantined", "Imported"], imports.Select(i => (IReadOnlyList<string>)
            [i.SourceName, i.Format, Api.BodyLimit.Describe(i.SizeBytes), Page.N(i.LinesRead), Page.N(i.LinesLoaded), Page.N(i.LinesQuarantined),
             i.ImportedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)]), "imports");
        page.Heading("Cleaning report");
        page.Table(["Rule", "What it removes", "#Lines", "#Revenue", "#Share of lines"],
            CleaningTables.Rules(store).Select(r => (IReadOnlyList<string>)[r.Rule, r.Description, Page.N(r.Lines), Page.N(r.Revenue, 2), Page.P(r.LineShare)]),
            "cleaning");
        var (lines, total) = QuarantineTable.Search(store, search, QuarantineRows);
        page.Heading($"Quarantined lines ({Page.N(total)}{(string.IsNullOrWhiteSpace(search) ? "" : " matching")})");
        page.Raw($"""
            <form method="get" action="/data" class="inline" style="display:flex;gap:8px;margin-bottom:8px">
            <input name="q" value="{Page.E(search)}" placeholder="search reason or text" id="quarantine-search"><button type="submit">Search</button>
            </form>
            """);
        page.Table(["File", "#Line", "Reason", "Raw text"], lines.Select(l => (IReadOnlyList<string>)[l.Source, Page.N(l.LineNumber), l.Reason, l.RawText]), "quarantine");
        if (total > lines.Count)
        {
            page.Paragraph($"Showing the first {lines.Count} of {Page.N(total)}; refine the search to see others.", "note");
        }
        return page.Render();
    }
}
