using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Segmenta.Web.Dashboard;

/// <summary>
/// Builds one dashboard page: the shared layout, encoded text, tables, and Plotly charts whose figures travel as JSON
/// (System.Text.Json escapes &lt;, &gt; and &amp;, so data text cannot break out of the script element).
/// </summary>
internal sealed class Page(string title, string current)
{
    internal static readonly (string Path, string Label)[] Navigation =
    [
        ("/", "Overview"), ("/data", "Data"), ("/cohorts", "Cohorts"), ("/segments", "Segments"), ("/explore", "Explorer"), ("/customers", "Customer"), ("/products", "Products"), ("/categories", "Categories"), ("/recommendations", "Recommendations"), ("/clv", "Lifetime value"),
    ];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly StringBuilder _body = new();
    private int _charts;

    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    internal static string N(double value, int decimals = 0) => double.IsFinite(value) ? value.ToString("N" + decimals, Invariant) : "";

    internal static string P(double share) => double.IsFinite(share) ? (share * 100).ToString("F1", Invariant) + "%" : "";

    internal Page Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    /// <summary>
    /// The state of the page's last job: progress while it runs (dashboard.js follows it and reloads when it is done),
    /// then its outcome. Only the server's own text is shown.
    /// </summary>
    internal Page JobBanner(Jobs.JobStatus? job, string messageId, string errorId)
    {
        switch (job?.State)
        {
            case null:
                return this;
            case Jobs.JobState.Succeeded:
                return Raw($"<p class=\"ok\" id=\"{messageId}\">{E(job.Message)}</p>\n");
            case Jobs.JobState.Failed:
                return Raw($"<p class=\"error\" id=\"{errorId}\">{E(job.Message)}</p>\n");
            case Jobs.JobState.Cancelled or Jobs.JobState.Interrupted:
                return Raw($"<p class=\"warn\" id=\"job-stopped\">{E(job.Message)}</p>\n");
            default:
                var value = job.Progress is { } p ? $" value=\"{p.ToString(Invariant)}\"" : "";
                var percent = job.Progress is { } q ? $" ({(q * 100).ToString("0", Invariant)}% of steps)" : "";
                return Raw($"<div class=\"card job\" id=\"job-status\" data-job=\"{E(job.Id)}\" role=\"status\"><progress id=\"job-progress\" max=\"1\"{value}></progress> "
                    + $"<span id=\"job-step\">{E(job.State == Jobs.JobState.Queued ? "Waiting for the previous job…" : (job.Step ?? "Starting…") + percent)}</span> "
                    + "<button type=\"button\" class=\"secondary\" id=\"job-cancel\">Cancel</button></div>\n");
        }
    }

    internal Page Heading(string text, int level = 2) => Raw($"<h{level}>{E(text)}</h{level}>\n");

    internal Page Paragraph(string text, string? cssClass = null) => Raw($"<p{(cssClass is null ? "" : $" class=\"{cssClass}\"")}>{E(text)}</p>\n");

    /// <summary>A table; headers starting with '#' are numeric (right-aligned). Cells are encoded.</summary>
    internal Page Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? id = null)
    {
        var numeric = headers.Select(h => h.StartsWith('#')).ToArray();
        _body.Append("<div class=\"scroll\">").Append(id is null ? "<table>" : $"<table id=\"{E(id)}\">").Append("<thead><tr>");
        for (var i = 0; i < headers.Count; i++)
        {
            _body.Append(numeric[i] ? "<th class=\"n\">" : "<th>").Append(E(headers[i].TrimStart('#'))).Append("</th>");
        }
        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                _body.Append(i < numeric.Length && numeric[i] ? "<td class=\"n\">" : "<td>").Append(E(row[i])).Append("</td>");
            }
            _body.Append("</tr>\n");
        }
        _body.Append("</tbody></table></div>\n");
        return this;
    }

    /// <summary>An interactive Plotly chart (hover, zoom, legend toggles) from trace and layout objects.</summary>
    internal Page Chart(string name, object data, object layout, string description)
    {
        var id = $"chart-{++_charts}";
        var json = JsonSerializer.Serialize(new { data, layout });
        _body.Append($"<div class=\"chart card\" data-spec=\"{id}-spec\" id=\"{id}\" data-name=\"{E(name)}\" role=\"img\" aria-label=\"{E(description)}\"></div>\n")
            .Append($"<script type=\"application/json\" id=\"{id}-spec\">{json}</script>\n");
        return this;
    }

    internal string Render(string? antiforgeryNote = null)
    {
        var navigation = string.Join("", Navigation.Select(n => $"<a href=\"{n.Path}\"{(n.Path == current ? " class=\"current\"" : "")}>{E(n.Label)}</a>"));
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · Segmenta</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/assets/dashboard.css">
            <script src="/assets/plotly.min.js" defer></script>
            <script src="/assets/dashboard.js" defer></script>
            </head><body>
            <header><strong>Segmenta</strong><nav>{navigation}</nav></header>
            <main><h1>{E(title)}</h1>
            {_body}{antiforgeryNote}</main></body></html>
            """;
    }
}
