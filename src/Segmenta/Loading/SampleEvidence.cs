namespace Segmenta.Loading;

/// <summary>
/// Evidence from the first records about how dates and numbers are written. A date whose first number is over 12
/// can only be day-first; one whose second number is over 12 only month-first. Numbers written 2,55 (one comma, not
/// followed by exactly three digits) point to decimal commas; 2.55 to decimal points.
/// </summary>
internal sealed class SampleEvidence
{
    internal const int SampleRecords = 20_000;

    private long _dayFirst;
    private long _monthFirst;
    private char _dateSeparator;
    private long _decimalComma;
    private long _decimalPoint;
    private long _yearFirst;
    private long _compact;
    private long _otherDates;

    internal void AddDate(ReadOnlySpan<char> text)
    {
        if (!DateText.TryParse(text, out var date))
        {
            return;
        }
        if (date.YearFirst)
        {
            _yearFirst++;
            _compact += date.IsCompact ? 1 : 0;
            return;
        }
        _otherDates++;
        _dateSeparator = date.Separator;
        if (date.First > 12 && date.Second <= 12)
        {
            _dayFirst++;
        }
        else if (date.Second > 12 && date.First <= 12)
        {
            _monthFirst++;
        }
    }

    internal void AddNumber(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        var comma = text.IndexOf(',');
        var point = text.IndexOf('.');
        if (comma >= 0 && point < 0 && text.LastIndexOf(',') == comma && text.Length - comma - 1 != 3)
        {
            _decimalComma++;
        }
        else if (point >= 0 && comma < 0)
        {
            _decimalPoint++;
        }
    }

    /// <summary>The date order the evidence supports, and whether it is only a default (no decisive date seen).</summary>
    internal (DateOrder Order, bool IsGuess) DateOrder()
    {
        if (_dayFirst > 0 || _monthFirst > 0)
        {
            return (_dayFirst >= _monthFirst ? Loading.DateOrder.DayFirst : Loading.DateOrder.MonthFirst, false);
        }
        // No decisive date yet: dotted dates are European, slashed and dashed ones US, until a line says otherwise.
        return (_dateSeparator == '.' ? Loading.DateOrder.DayFirst : Loading.DateOrder.MonthFirst, true);
    }

    /// <summary>"yyyyMMdd" or "year-month-day" when every readable date of the sample was written year first; else null.</summary>
    internal string? YearFirstStyle() => _yearFirst == 0 || _otherDates > 0 ? null
        : _compact == _yearFirst ? "yyyyMMdd"
        : "year-month-day";

    internal DecimalStyle DecimalStyle() => _decimalComma > _decimalPoint ? Loading.DecimalStyle.Comma : Loading.DecimalStyle.Point;

    /// <summary>Reads up to <see cref="SampleRecords"/> well-formed records of the source.</summary>
    internal static SampleEvidence Collect(IRecordSource source, ColumnMapping mapping)
    {
        var evidence = new SampleEvidence();
        var date = mapping.IndexOf(ColumnRole.Date);
        int[] numbers = [mapping.IndexOf(ColumnRole.Quantity), mapping.IndexOf(ColumnRole.UnitPrice), mapping.IndexOf(ColumnRole.LineTotal)];
        for (var i = 0; i < SampleRecords && source.Read(); i++)
        {
            if (source.Problem != RecordProblem.None)
            {
                continue;
            }
            evidence.AddDate(source.Field(date));
            foreach (var column in numbers)
            {
                if (column >= 0)
                {
                    evidence.AddNumber(source.Field(column));
                }
            }
        }
        return evidence;
    }
}
