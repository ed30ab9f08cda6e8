using System.Globalization;

namespace Segmenta.Loading;

/// <summary>
/// Tells a header line from a data line: a header names columns (no numbers or dates), a data line carries values.
/// A line with any usual column name (CustomerID, Date, ...) is always a header.
/// </summary>
internal static class HeaderDetector
{
    internal static bool LooksLikeData(IReadOnlyList<string> firstLine)
    {
        var values = 0;
        foreach (var field in firstLine)
        {
            var normalised = RoleNames.Normalise(field);
            if (normalised.Length > 0 && RoleNames.Synonyms.Values.Any(names => names.Contains(normalised)))
            {
                return false;
            }
            if (IsValue(field))
            {
                values++;
            }
        }
        return values > 0;
    }

    private static bool IsValue(string field)
    {
        var text = field.Trim();
        if (text.Length == 0)
        {
            return false;
        }
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            || (DateText.TryParse(text, out var date) && date.TryToDateTime(DateOrder.MonthFirst, out _) | date.TryToDateTime(DateOrder.DayFirst, out _));
    }
}
