using System.Globalization;

namespace Segmenta;

/// <summary>
/// CSV cells that are safe to open in a spreadsheet: text starting with = + - @ or a tab/CR is prefixed with an
/// apostrophe so it is never run as a formula (OWASP "CSV injection"); quotes, delimiters and line breaks are quoted.
/// </summary>
public static class CsvCell
{
    /// <summary>A text cell.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>A number cell (invariant culture; empty when not finite).</summary>
    public static string Number(double value, int decimals = 2) =>
        double.IsFinite(value) ? Math.Round(value, decimals).ToString(CultureInfo.InvariantCulture) : "";
}
