using Segmenta.Loading;

namespace Segmenta.Web.Dashboard;

/// <summary>
/// The upload's column-mapping step: the first rows of the uploaded file and, for each role, a list of the file's own
/// columns to pick from (found by name, or suggested, or none). Shown when the usual names miss the customer or the
/// date, or when the user asks to check the columns first.
/// </summary>
internal static class MappingStep
{
    internal static void Render(Page page, PendingUpload upload, FilePreview preview, string antiforgeryField, string antiforgeryToken)
    {
        var missing = preview.Missing.Select(RoleLabel).ToList();
        page.Raw("<section class=\"card\" id=\"mapping-step\">");
        page.Heading($"Map the columns of {upload.Name}");
        page.Paragraph(missing.Count == 0
            ? "Every needed column was found by its name; check the choices below, change any, and import."
            : $"The usual column names did not find: {string.Join(", ", missing)}. Pick the file's column for each role (its first rows are below). "
              + "A customer and a date are needed; a line total, or a quantity and a price, for money (without, the money analyses are skipped).");
        page.Raw($"""
            <form method="post" action="/data/import" id="mapping-form" data-job-form="/data">
            <input type="hidden" name="{Page.E(antiforgeryField)}" value="{Page.E(antiforgeryToken)}">
            <input type="hidden" name="upload" value="{Page.E(upload.Id)}">
            <div class="mapping">{string.Concat(DashboardEndpoints.MappableRoles.Select(role => Choice(role, preview)))}</div>
            <p><label>Cleaning<select name="cleaning"><option value="default">default</option><option value="classic">classic</option></select></label></p>
            <button type="submit" id="mapping-button">Import with these columns</button> <button type="button" class="cancel secondary" hidden>Cancel</button>
            <progress id="mapping-progress" max="1" hidden></progress> <span id="mapping-status" class="note" role="status"></span>
            </form>
            """);
        page.Heading($"First rows ({preview.Format}{(preview.HasHeader ? "" : ", no header line: columns by position")})", 3);
        page.Table(preview.Columns, preview.Rows.Select(r => (IReadOnlyList<string>)[.. preview.Columns.Select((_, i) => i < r.Count ? r[i] : "")]), "mapping-preview");
        page.Raw("</section>\n");
    }

    private static string Choice(ColumnRole role, FilePreview preview)
    {
        var name = role.ToString().ToLowerInvariant();
        var chosen = preview.Detected.GetValueOrDefault(role) ?? preview.Suggested.GetValueOrDefault(role);
        var how = preview.Detected.ContainsKey(role) ? "found by name" : preview.Suggested.ContainsKey(role) ? "suggested" : null;
        var options = string.Concat(preview.Columns.Select(c => $"<option value=\"{Page.E(c)}\"{(c == chosen ? " selected" : "")}>{Page.E(c)}</option>"));
        var required = FilePreview.RequiredRoles.Contains(role);
        return $"<label>{Page.E(RoleLabel(role))}{(required ? " (needed)" : "")}{(how is null ? "" : $" <small>{how}</small>")}"
            + $"<select name=\"map-{name}\" id=\"map-{name}\"{(required ? " required" : "")}><option value=\"\">{(required ? "— pick a column —" : "— none —")}</option>{options}</select></label>";
    }

    private static string RoleLabel(ColumnRole role) => role switch
    {
        ColumnRole.UnitPrice => "unit price",
        ColumnRole.LineTotal => "line total",
        _ => role.ToString().ToLowerInvariant(),
    };
}
