namespace Segmenta.Generating;

/// <summary>
/// Turns model time into shop time. Customers live in "business days" (the BG/NBD clock); a business day is stretched
/// or squeezed so that November is busier than February and Thursday busier than Saturday, and the hour of a
/// purchase follows an opening-hours curve. So the purchase model stays exactly BG/NBD while the calendar looks real.
/// </summary>
internal sealed class ShopCalendar
{
    internal static readonly DateTime Start = new(2010, 12, 1, 0, 0, 0, DateTimeKind.Unspecified);

    internal const int Days = 730;

    // January .. December: the run-up to Christmas, the January lull (shaped like the UCI file's months).
    private static readonly double[] MonthWeights = [0.70, 0.65, 0.85, 0.75, 0.85, 0.85, 0.85, 0.85, 1.10, 1.25, 1.60, 1.10];

    // Sunday .. Saturday.
    private static readonly double[] WeekdayWeights = [0.70, 1.10, 1.20, 1.15, 1.35, 0.95, 0.15];

    // 7:00 .. 20:00.
    private static readonly double[] HourWeights = [0.05, 0.30, 0.90, 1.20, 1.40, 1.60, 1.30, 1.00, 0.70, 0.40, 0.20, 0.15, 0.10, 0.05];

    private readonly double[] _cumulative = new double[Days + 1];
    private readonly double[] _hourCumulative;

    internal ShopCalendar()
    {
        var weights = new double[Days];
        for (var d = 0; d < Days; d++)
        {
            var day = Start.AddDays(d);
            weights[d] = MonthWeights[day.Month - 1] * WeekdayWeights[(int)day.DayOfWeek];
        }
        var mean = weights.Average();
        for (var d = 0; d < Days; d++)
        {
            _cumulative[d + 1] = _cumulative[d] + weights[d] / mean;
        }
        _cumulative[Days] = Days;
        _hourCumulative = Cumulative(HourWeights);
    }

    /// <summary>The calendar moment of business time <paramref name="businessDays"/> (0 ≤ t &lt; Days), with a drawn hour and minute.</summary>
    internal DateTime ToDate(double businessDays, Random random)
    {
        var index = Array.BinarySearch(_cumulative, businessDays);
        var day = index >= 0 ? index : ~index - 1;
        day = Math.Clamp(day, 0, Days - 1);
        var hour = 7 + Pick(_hourCumulative, random);
        return Start.AddDays(day).AddHours(hour).AddMinutes(random.Next(60));
    }

    /// <summary>The last moment of the observed period (exclusive).</summary>
    internal static DateTime End => Start.AddDays(Days);

    internal static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var cumulative = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }
        for (var i = 0; i < cumulative.Length; i++)
        {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /// <summary>An index drawn with the probabilities a normalised cumulative table describes.</summary>
    internal static int Pick(double[] cumulative, Random random)
    {
        var u = random.NextDouble();
        var index = Array.BinarySearch(cumulative, u);
        index = index >= 0 ? index + 1 : ~index;
        return Math.Min(index, cumulative.Length - 1);
    }
}
