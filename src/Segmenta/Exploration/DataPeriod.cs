using Segmenta.Store;

namespace Segmenta.Exploration;

/// <summary>The first and last day of the kept lines, so hosts can mark partial months at the edges of the data.</summary>
public static class DataPeriod
{
    /// <summary>First and last invoice day of the kept lines; null without cleaned lines.</summary>
    public static (DateOnly First, DateOnly Last)? Of(SegmentaStore store)
    {
        if (ServerLineFacts.Elsewhere(store))
        {
            return ServerLineFacts.KeptDates(store) is (DateTime first, DateTime last) ? (DateOnly.FromDateTime(first), DateOnly.FromDateTime(last)) : null;
        }
        if (!store.HasTable("clean_lines"))
        {
            return null;
        }
        var days = store.Query("SELECT min(invoice_date)::DATE, max(invoice_date)::DATE FROM clean_lines",
            r => r.IsDBNull(0) ? ((DateOnly, DateOnly)?)null : (r.GetFieldValue<DateOnly>(0), r.GetFieldValue<DateOnly>(1)));
        return days.FirstOrDefault();
    }

    /// <summary>True when <paramref name="month"/> (its first day) is cut by the start or end of the data.</summary>
    public static bool IsPartial(DateOnly month, (DateOnly First, DateOnly Last) period) =>
        (month.Year == period.First.Year && month.Month == period.First.Month && period.First.Day > 1)
        || (month.Year == period.Last.Year && month.Month == period.Last.Month && period.Last.Day < DateTime.DaysInMonth(month.Year, month.Month));
}
