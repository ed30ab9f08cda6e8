namespace Segmenta.Loading;

/// <summary>
/// The numbers of a date-time text before deciding day-first or month-first. ISO dates (year first) carry their
/// order; for "a/b/y" dates <see cref="First"/> and <see cref="Second"/> are the day and month in some order.
/// </summary>
internal readonly record struct DateText(bool YearFirst, int First, int Second, int Year, int Hour, int Minute, int Second_, int Millisecond, char Separator)
{
    /// <summary>
    /// Parses ISO (2010-12-01 08:26:00, 2010-12-01T08:26), compact (19970101, 19970101 08:26), US and European dates
    /// with optional time and AM/PM.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<char> text, out DateText result)
    {
        result = default;
        text = text.Trim();
        Span<int> numbers = stackalloc int[7];
        Span<int> digits = stackalloc int[7];
        var count = 0;
        var separator = '\0';
        var pm = false;
        var am = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == 7)
                {
                    return false;
                }
                var value = 0;
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 9)
                {
                    value = value * 10 + (text[i] - '0');
                    i++;
                }
                digits[count] = i - start;
                numbers[count++] = value;
                continue;
            }
            if (count == 1 && separator == '\0' && c is '/' or '-' or '.')
            {
                separator = c;
            }
            else if ((c is 'p' or 'P') && i + 1 < text.Length && text[i + 1] is 'm' or 'M')
            {
                pm = true;
                i++;
            }
            else if ((c is 'a' or 'A') && i + 1 < text.Length && text[i + 1] is 'm' or 'M')
            {
                am = true;
                i++;
            }
            else if (c == '+' || (c == '-' && count >= 5) || c == 'Z')
            {
                break; // a zone offset: the local time is kept as written
            }
            else if (c is not (' ' or ':' or 'T' or '/' or '-' or '.' or ','))
            {
                return false;
            }
            i++;
        }
        if (count >= 1 && digits[0] == 8 && separator == '\0')
        {
            // yyyyMMdd: split the one number into three, keeping any time parts after it.
            if (count + 2 > 7)
            {
                return false;
            }
            var compact = numbers[0];
            for (var k = count - 1; k >= 1; k--)
            {
                numbers[k + 2] = numbers[k];
                digits[k + 2] = digits[k];
            }
            (numbers[0], numbers[1], numbers[2]) = (compact / 10_000, compact / 100 % 100, compact % 100);
            (digits[0], digits[1], digits[2]) = (4, 2, 2);
            count += 2;
            separator = 'c';
        }
        if (count < 3)
        {
            return false;
        }
        var hour = count > 3 ? numbers[3] : 0;
        var minute = count > 4 ? numbers[4] : 0;
        var second = count > 5 ? numbers[5] : 0;
        var millisecond = count > 6 ? ScaleFraction(numbers[6], digits[6]) : 0;
        if (pm && hour < 12)
        {
            hour += 12;
        }
        else if (am && hour == 12)
        {
            hour = 0;
        }
        if (digits[0] == 4)
        {
            result = new DateText(true, numbers[1], numbers[2], numbers[0], hour, minute, second, millisecond, separator);
            return true;
        }
        var year = digits[2] <= 2 ? (numbers[2] < 70 ? 2000 + numbers[2] : 1900 + numbers[2]) : numbers[2];
        result = new DateText(false, numbers[0], numbers[1], year, hour, minute, second, millisecond, separator);
        return true;
    }

    /// <summary>True for a compact yyyyMMdd date (no separators).</summary>
    internal bool IsCompact => Separator == 'c';

    /// <summary>Which orders this date allows: a first number over 12 rules out month-first, and so on.</summary>
    internal bool Allows(DateOrder order) => YearFirst || (order == DateOrder.DayFirst ? Second <= 12 && First <= 31 : First <= 12 && Second <= 31);

    internal bool TryToDateTime(DateOrder order, out DateTime value)
    {
        var (month, day) = YearFirst || order == DateOrder.MonthFirst ? (First, Second) : (Second, First);
        value = default;
        if (month is < 1 or > 12 || day < 1 || Year is < 1 or > 9999 || day > DateTime.DaysInMonth(Year, month)
            || Hour > 23 || Minute > 59 || Second_ > 59)
        {
            return false;
        }
        value = new DateTime(Year, month, day, Hour, Minute, Second_, Millisecond, DateTimeKind.Unspecified);
        return true;
    }

    private static int ScaleFraction(int value, int digitCount)
    {
        while (digitCount > 3)
        {
            value /= 10;
            digitCount--;
        }
        while (digitCount < 3)
        {
            value *= 10;
            digitCount++;
        }
        return value;
    }
}
