using System.Net;
using System.Text;

namespace Segmenta;

/// <summary>
/// The one escaping rule for text from the data (ids, descriptions, custom segment names) written into HTML or
/// Markdown: markup characters are encoded (so <c>&lt;script&gt;</c> stays text), Markdown's own characters are
/// backslash-escaped, line breaks become spaces and control characters are dropped.
/// </summary>
public static class TextEscape
{
    /// <summary>Text safe inside HTML elements and attributes.</summary>
    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Text safe inside Markdown prose and table cells (rendered as typed, never as markup).</summary>
    public static string Markdown(string? text)
    {
        var builder = new StringBuilder((text?.Length ?? 0) + 8);
        foreach (var c in text ?? "")
        {
            switch (c)
            {
                case '\r' or '\n' or '\t':
                    builder.Append(' ');
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                case '\\' or '|' or '*' or '_' or '`' or '[' or ']' or '#':
                    builder.Append('\\').Append(c);
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.ToString();
    }
}
