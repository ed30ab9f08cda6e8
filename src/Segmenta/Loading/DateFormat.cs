using System.Globalization;

namespace Segmenta.Loading;

/// <summary>
/// How dates are read: detected (the column decides day-first or month-first), a fixed order
/// (<c>dmy</c>, <c>mdy</c>, <c>ymd</c>; <c>ymd</c> also reads compact 19970101) or an exact .NET format string such as
/// <c>dd/MM/yyyy HH:mm</c> or <c>yyyyMMdd</c>.
/// </summary>
internal sealed record DateFormat(DateOrder? Order, string? ExactFormat, string? Keyword = null)
{
    /// <summary>Letters a .NET date pattern may use; any other letter must be quoted to be a literal.</summary>
    private const string PatternLetters = "yMdHhmsfFtzKgT";

    internal static DateFormat Detect { get; } = new(null, null);

    internal bool IsFixed => Order is not null || ExactFormat is not null;

    /// <summary>Parses the <c>--date-format</c> value; an exact pattern is checked token by token.</summary>
    internal static DateFormat Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => Detect,
        "dmy" or "day-first" or "dayfirst" or "european" => new(DateOrder.DayFirst, null, "dmy"),
        "mdy" or "month-first" or "monthfirst" or "us" => new(DateOrder.MonthFirst, null, "mdy"),
        "ymd" or "iso" or "year-first" => new(DateOrder.MonthFirst, null, "ymd"),
        _ => new(null, CheckPattern(text!.Trim())),
    };

    internal bool TryParseExact(ReadOnlySpan<char> text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), ExactFormat, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);

    /// <summary>What the user asked for, in the words of the option (for messages and the import log).</summary>
    internal string Describe() => ExactFormat ?? Keyword ?? "auto";

    private static string CheckPattern(string pattern)
    {
        var quoted = false;
        foreach (var c in pattern)
        {
            if (c is '\'' or '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && char.IsAsciiLetter(c) && !PatternLetters.Contains(c, StringComparison.Ordinal))
            {
                throw Refused(pattern, $"'{c}' is not a date token");
            }
        }
        var unquoted = string.Concat(pattern.Split('\'').Where((_, i) => i % 2 == 0));
        if (!unquoted.Contains('y', StringComparison.Ordinal) || !unquoted.Contains('M', StringComparison.Ordinal)
            || !unquoted.Contains('d', StringComparison.Ordinal))
        {
            throw Refused(pattern, "a date needs a year (yyyy), a month (MM) and a day (dd)");
        }
        return pattern;
    }

    private static InvalidOptionException Refused(string pattern, string why) => ImportOptions.Invalid(nameof(ImportOptions.DateFormat),
        $"{SafeText.Clip(pattern, 40)}: {why}. Use dmy, mdy or ymd, or a .NET pattern such as yyyyMMdd, "
        + "dd/MM/yyyy or \"yyyy-MM-dd HH:mm\" (tokens yyyy MM dd HH mm ss).");
}
