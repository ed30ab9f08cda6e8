namespace Segmenta.Loading;

/// <summary>The likely fix when no line of a file could be loaded, read from the most frequent quarantine reason.</summary>
internal static class LoadHint
{
    internal static string For(IReadOnlyList<QuarantineReason> reasons, SourceSettings settings, bool hasHeader)
    {
        if (reasons.Count == 0)
        {
            return hasHeader
                ? "Give a file with at least one purchase line under the header."
                : "Give a file with at least one purchase line.";
        }
        var top = reasons[0];
        var value = QuotedValue(top.ExampleReason);
        return top.Kind switch
        {
            "impossible or unreadable date" => ForDate(value, settings),
            "missing date" => "The date column is empty: check which column holds the date and give it with --map date=COLUMN.",
            "wrong field count" => $"The lines do not split into the header's columns with the delimiter {Describe(settings.Delimiter)}: "
                + "give the right one with --delimiter (comma, semicolon, tab, pipe or whitespace)"
                + (hasHeader ? ", or --header no if the first line is data." : "."),
            "unterminated quote" => "A quote opens a field and is never closed: check the export's quoting, or the delimiter with --delimiter.",
            "non-numeric quantity" or "non-numeric price" or "non-numeric line total" => ForNumber(top.Kind, value, settings),
            "no amount" => "Neither a line total nor both quantity and price could be read: map them with --map total=COLUMN, or --map quantity=COLUMN --map price=COLUMN.",
            _ => "Check the options against the reasons above.",
        };
    }

    private static string ForDate(string? value, SourceSettings settings)
    {
        var asked = settings.DateFormat.IsFixed ? $" (read with --date-format {settings.DateFormat.Describe()})" : "";
        if (value is null)
        {
            return $"Dates could not be read{asked}: give their pattern with --date-format, e.g. \"dd/MM/yyyy HH:mm\".";
        }
        var looks = $"Dates look like {value}{asked}: try --date-format ";
        if (value.Length == 8 && value.All(char.IsAsciiDigit))
        {
            return looks + "yyyyMMdd.";
        }
        if (!DateText.TryParse(value, out var date))
        {
            return looks + "with their exact pattern, e.g. \"dd.MM.yyyy HH:mm\" or \"MMM d, yyyy\" (if the column is not the date, use --map date=COLUMN).";
        }
        if (date.YearFirst)
        {
            return looks + "ymd.";
        }
        if (date.Allows(DateOrder.DayFirst) && !date.Allows(DateOrder.MonthFirst))
        {
            return looks + "dmy.";
        }
        if (date.Allows(DateOrder.MonthFirst) && !date.Allows(DateOrder.DayFirst))
        {
            return looks + "mdy.";
        }
        return looks + "dmy or mdy (whichever the export used).";
    }

    private static string ForNumber(string kind, string? value, SourceSettings settings)
    {
        var role = kind switch { "non-numeric quantity" => "quantity", "non-numeric price" => "price", _ => "total" };
        if (value is not null && value.Contains(',', StringComparison.Ordinal) && settings.DecimalStyle == DecimalStyle.Point)
        {
            return $"Numbers look like {value}: try --decimal comma.";
        }
        return $"The {role} column holds '{value}': check that --map {role}=COLUMN names the column with the {role}.";
    }

    private static string? QuotedValue(string reason)
    {
        var start = reason.IndexOf('\'', StringComparison.Ordinal);
        var end = reason.LastIndexOf('\'');
        return start >= 0 && end > start ? reason[(start + 1)..end] : null;
    }

    internal static string Describe(char? delimiter) => delimiter switch
    {
        null => "detected",
        '\t' => "tab",
        DelimitedRecordReader.Whitespace => "whitespace",
        var c => $"'{c}'",
    };
}
