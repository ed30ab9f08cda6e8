using System.Globalization;

namespace Segmenta.Loading;

/// <summary>
/// How dates are read: detected (the column decides day-first or month-first), a fixed order
/// (<c>dmy</c>, <c>mdy</c>, <c>ymd</c>) or an exact .NET format string such as <c>dd/MM/yyyy HH:mm</c>.
/// </summary>
internal sealed record DateFormat(DateOrder? Order, string? ExactFormat)
{
    internal static DateFormat Detect { get; } = new(null, null);

    internal bool IsFixed => Order is not null || ExactFormat is not null;

    internal static DateFormat Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => Detect,
        "dmy" or "day-first" or "dayfirst" or "european" => new(DateOrder.DayFirst, null),
        "mdy" or "month-first" or "monthfirst" or "us" => new(DateOrder.MonthFirst, null),
        "ymd" or "iso" => new(DateOrder.MonthFirst, null),
        _ => new(null, text!.Trim()),
    };

    internal bool TryParseExact(ReadOnlySpan<char> text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), ExactFormat, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
}
