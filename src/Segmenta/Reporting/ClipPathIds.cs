using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Segmenta.Reporting;

/// <summary>
/// The ids of the charts' clip paths, numbered in the order they appear in the report. Skia names each clip path after a
/// counter that runs on across the whole process and that every thread drawing SVG moves, so its ids depend on what the
/// process drew before (a second report in one process, the web app) and on how charts drawn at the same time interleave.
/// Renumbered in order of appearance, the ids depend on the charts alone: the same report, byte for byte, however and
/// wherever its charts were drawn, and every reference still points at the clip path it pointed at.
/// </summary>
internal static partial class ClipPathIds
{
    // Only where Skia's SVG writer puts them: the definition and the reference. Text from the data cannot take this shape
    // (quotes and angle brackets are escaped in the HTML and in the charts' text alike).
    [GeneratedRegex("""(?<=<clipPath id="|clip-path="url\(#)cl_[0-9a-f]+""")]
    private static partial Regex Id();

    /// <summary>Appends <paramref name="html"/> with each distinct clip-path id replaced by the next number of <paramref name="numbers"/>.</summary>
    internal static void AppendInOrder(StringBuilder document, string html, Dictionary<string, int> numbers)
    {
        var at = 0;
        foreach (Match match in Id().Matches(html))
        {
            if (!numbers.TryGetValue(match.Value, out var number))
            {
                number = numbers.Count;
                numbers.Add(match.Value, number);
            }
            document.Append(html, at, match.Index - at).Append("cl_").Append(number.ToString("x", CultureInfo.InvariantCulture));
            at = match.Index + match.Length;
        }
        document.Append(html, at, html.Length - at);
    }
}
