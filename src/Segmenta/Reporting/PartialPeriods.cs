namespace Segmenta.Reporting;

/// <summary>
/// Which calendar months the data covers only in part (the UCI data ends on 9 December 2011: 9 of 31 days). A partial
/// month's totals are not comparable with full months, so charts and tables mark it and trends leave it out.
/// </summary>
internal static class PartialPeriods
{
    /// <summary>True when the data starts after the month's first day or ends before its last day.</summary>
    internal static bool IsPartialMonth(DateOnly month, DateTime firstSale, DateTime lastSale)
    {
        var start = new DateOnly(month.Year, month.Month, 1);
        var end = start.AddMonths(1).AddDays(-1);
        return DateOnly.FromDateTime(firstSale) > start || DateOnly.FromDateTime(lastSale) < end;
    }

    /// <summary>The sentence that says which months are partial, or null when every month is complete.</summary>
    internal static string? Note(IEnumerable<DateOnly> months, DateTime firstSale, DateTime lastSale)
    {
        var partial = months.Where(m => IsPartialMonth(m, firstSale, lastSale)).ToList();
        if (partial.Count == 0)
        {
            return null;
        }
        var covered = partial.Select(m =>
        {
            var start = new DateOnly(m.Year, m.Month, 1);
            var from = DateOnly.FromDateTime(firstSale) > start ? DateOnly.FromDateTime(firstSale) : start;
            var end = start.AddMonths(1).AddDays(-1);
            var to = DateOnly.FromDateTime(lastSale) < end ? DateOnly.FromDateTime(lastSale) : end;
            return $"{m:MMMM yyyy} ({to.DayNumber - from.DayNumber + 1} of {end.Day} days)";
        });
        return $"Partial month{(partial.Count > 1 ? "s" : "")}: {string.Join(", ", covered)}; shaded or marked with * and not comparable with full months.";
    }
}
