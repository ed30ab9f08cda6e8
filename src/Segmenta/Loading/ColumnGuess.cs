using System.Globalization;

namespace Segmenta.Loading;

/// <summary>Which column probably plays a role the usual names did not find: by words in its name, else by its first value.</summary>
internal static class ColumnGuess
{
    private static readonly Dictionary<ColumnRole, string[]> Words = new()
    {
        [ColumnRole.Customer] = ["customer", "client", "member", "user", "buyer", "account", "shopper", "cust"],
        [ColumnRole.Date] = ["date", "time", "day", "when"],
        [ColumnRole.LineTotal] = ["total", "amount", "value", "sales", "revenue", "spend", "dollar", "sum", "price", "cost"],
    };

    /// <summary>The index of a likely column for <paramref name="role"/> not in <paramref name="taken"/>, or -1.</summary>
    internal static int For(ColumnRole role, IReadOnlyList<string> header, IReadOnlyList<string>? example, IReadOnlySet<int> taken)
    {
        if (Words.TryGetValue(role, out var words))
        {
            for (var i = 0; i < header.Count; i++)
            {
                var name = RoleNames.Normalise(header[i]);
                if (!taken.Contains(i) && words.Any(w => name.Contains(w, StringComparison.Ordinal)))
                {
                    return i;
                }
            }
        }
        if (example is null)
        {
            return -1;
        }
        for (var i = 0; i < example.Count && i < header.Count; i++)
        {
            if (!taken.Contains(i) && Fits(role, example[i].Trim()))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool Fits(ColumnRole role, string value) => role switch
    {
        ColumnRole.Date => IsDate(value),
        ColumnRole.LineTotal => value.Contains('.', StringComparison.Ordinal) && IsNumber(value),
        ColumnRole.Customer => value.Length > 0 && !IsDate(value) && !value.Contains('.', StringComparison.Ordinal),
        _ => false,
    };

    private static bool IsNumber(string value) =>
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    private static bool IsDate(string value) =>
        DateText.TryParse(value, out var date) && (date.TryToDateTime(DateOrder.MonthFirst, out _) || date.TryToDateTime(DateOrder.DayFirst, out _));
}
