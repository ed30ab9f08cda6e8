using Segmenta.Pipeline;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>Data: the cleaning report, the quarantined lines (searchable), and the upload form for a new file.</summary>
internal static class DataPage
{
    internal const int QuarantineRows = 200;

    internal static string Render(SegmentaStore store, string? search, string antiforgeryField, string antiforgeryToken, long maxUploadBytes, string? message, string? error)
    {
        var page = new Page("Data", "/data");
        if (message is not null)
        {
            page.Raw($"<p class=\"ok\" id=\"upload-message\">{Page.E(message)}</p>\n");
        }
        if (error is not null)
        {
            page.Raw($"<p class=\"error\" id=\"upload-error\">{Page.E(error)}</p>\n");
        }
        page.Heading("Add a transaction file");
        page.Raw($"""
            <form class="card" method="post" action="/data/upload" enctype="multipart/form-data" id="upload-form">
            <input type="hidden" name="{Page.E(antiforgeryField)}" value="{Page.E(antiforgeryToken)}">
            <p class="note">CSV/TSV (optionally .gz), .xlsx or .parquet, up to {maxUploadBytes / (1024 * 1024)} MB. The file is imported, then the whole
            analysis runs again on everything the database holds. If the file cannot be read, nothing stored changes.</p>
            <div style="display:flex;gap:12px;align-items:end;flex-wrap:wrap">
            <label>File<input type="file" name="file" required id="upload-file"></label>
            <label>Cleaning<select name="cleaning"><option value="default">default</option><option value="classic">classic</option></select></label>
            <button type="submit" id="upload-button">Upload and analyse</button>
            </div>
            <progress id="upload-progress" hidden></progress> <span id="upload-status" class="note" role="status"></span>
            </form>
            """);
        page.Heading("Cleaning report");
        page.Table(["Rule", "What it removes", "#Lines", "#Revenue", "#Share of lines"],
            StoredResults.Cleaning(store).Select(r => (IReadOnlyList<string>)[r.Rule, r.Description, Page.N(r.Lines), Page.N(r.Revenue, 2), Page.P(r.LineShare)]),
            "cleaning");
        var (lines, total) = StoredResults.Quarantine(store, search, QuarantineRows);
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
