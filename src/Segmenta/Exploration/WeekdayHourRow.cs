namespace Segmenta.Exploration;

/// <summary>Sales in one hour of one weekday, summed over the whole period (all 7 x 24 cells are present).</summary>
/// <param name="Weekday">The day of the week; <see cref="DayOfWeek.Sunday"/> is the last day of the ISO week.</param>
/// <param name="Hour">Hour of the invoice time, 0 to 23.</param>
/// <param name="Revenue">Sum of kept line amounts.</param>
/// <param name="Orders">Distinct orders.</param>
/// <param name="Lines">Kept lines.</param>
/// <param name="RevenueShare">Share of all revenue.</param>
public sealed record WeekdayHourRow(DayOfWeek Weekday, int Hour, double Revenue, long Orders, long Lines, double RevenueShare);
