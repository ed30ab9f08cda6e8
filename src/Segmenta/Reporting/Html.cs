using System.Globalization;
using System.Text;

namespace Segmenta.Reporting;

/// <summary>
/// Builds the report's HTML. Every piece of text that may come from the data goes through <see cref="Text"/>,
/// so descriptions, countries or ids can never inject markup.
/// </summary>
internal sealed class Html
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly StringBuilder _body = new();

    internal List<string> Charts { get; } = [];

    internal static string Text(string? value) => TextEscape.Html(value);

    /// <summary>A number; empty when not defined (NaN, e.g. money of a file without amounts).</summary>
    internal static string Number(double value, int decimals = 0) => double.IsFinite(value) ? Rounding.NoNegativeZero(value, decimals).ToString("N" + decimals, Invariant) : "";

    internal static string Number(long value) => value.ToString("N0", Invariant);

    internal static string Percent(double share, int decimals = 1) => Profiling.PercentText.Format(share, decimals);

    internal Html Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    internal Html Paragraph(string text) => Raw("<p>").Raw(Text(text)).Raw("</p>\n");

    /// <summary>A "why we did this" note under a section heading.</summary>
    internal Html Why(string text) => Raw("<p class=\"why\"><strong>Why: </strong>").Raw(Text(text)).Raw("</p>\n");

    internal Html List(IEnumerable<string> items)
    {
        Raw("<ul>\n");
        foreach (var item in items)
        {
            Raw("<li>").Raw(Text(item)).Raw("</li>\n");
        }
        return Raw("</ul>\n");
    }

    /// <summary>A table; cells are text (escaped). Columns whose header starts with '#' are right-aligned numbers.</summary>
    internal Html Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        Raw("<div class=\"table\"><table>\n");
        if (caption is not null)
        {
            Raw("<caption>").Raw(Text(caption)).Raw("</caption>\n");
        }
        Raw("<thead><tr>");
        foreach (var header in headers)
        {
            Raw(header.StartsWith('#') ? "<th class=\"num\">" : "<th>").Raw(Text(header.TrimStart('#'))).Raw("</th>");
        }
        Raw("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            Raw("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                Raw(headers[i].StartsWith('#') ? "<td class=\"num\">" : "<td>").Raw(Text(row[i])).Raw("</td>");
            }
            Raw("</tr>\n");
        }
        return Raw("</tbody></table></div>\n");
    }

    /// <summary>An inline SVG chart in a figure, with the title as caption and the alt text for screen readers.</summary>
    internal Html Figure(string title, string altText, string svg)
    {
        Charts.Add(title);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        Raw($"<figure class=\"chart\" role=\"img\" aria-label=\"{Text(altText)}\">\n");
        Raw(start >= 0 ? svg[start..] : svg);
        return Raw($"<figcaption>{Text(title)}. {Text(altText)}</figcaption>\n</figure>\n");
    }

    /// <summary>
    /// Appends what was written to <paramref name="document"/>, the charts' clip paths numbered on from <paramref name="clipPaths"/>
    /// (the ids already numbered in the document, <see cref="ClipPathIds"/>).
    /// </summary>
    internal void AppendTo(StringBuilder document, Dictionary<string, int> clipPaths) => ClipPathIds.AppendInOrder(document, _body.ToString(), clipPaths);

    public override string ToString() => _body.ToString();
}
