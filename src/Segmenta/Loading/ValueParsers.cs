using System.Globalization;

namespace Segmenta.Loading;

/// <summary>Parsing of the numbers and identifiers of a line, tolerant of the usual export styles.</summary>
internal static class ValueParsers
{
    /// <summary>
    /// Parses 2.55, 2,55, 1,234.50, 1.234,50, currency symbols and spaces. When both separators appear the
    /// rightmost one is the decimal separator; when only one appears, the file's <paramref name="style"/> decides.
    /// </summary>
    internal static bool TryParseNumber(ReadOnlySpan<char> text, DecimalStyle style, out double value)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value) && (style == DecimalStyle.Point || !text.Contains('.')))
        {
            return true;
        }
        Span<char> buffer = text.Length <= 64 ? stackalloc char[text.Length] : new char[text.Length];
        var lastComma = text.LastIndexOf(',');
        var lastPoint = text.LastIndexOf('.');
        char decimalSeparator = lastComma >= 0 && lastPoint >= 0
            ? (lastComma > lastPoint ? ',' : '.')
            : style == DecimalStyle.Comma ? ',' : '.';
        var length = 0;
        var negative = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[length++] = c;
            }
            else if (c == decimalSeparator)
            {
                buffer[length++] = '.';
            }
            else if (c == '-' || c == '(')
            {
                negative = true; // accounting style (12.50) is negative too
            }
            else if (c is ',' or '.' or ' ' or '\u00A0' or '\'' or ')' or '+' || char.IsSymbol(c))
            {
                // thousands separators and currency signs carry no value
            }
            else
            {
                value = 0;
                return false;
            }
        }
        if (length == 0 || !double.TryParse(buffer[..length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            value = 0;
            return false;
        }
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    /// <summary>
    /// The usual number cell (an optional minus sign, at most 15 digits and one decimal point, point style) read straight
    /// into its exact decimal, without the double of <see cref="TryParseNumber"/>. A double keeps 15 significant digits
    /// exactly, so the value equals <see cref="Money.FromParsed"/> of <see cref="TryParseNumber"/> before rounding;
    /// false for every other text (the caller then takes the general path).
    /// </summary>
    internal static bool TryParsePlainDecimal(ReadOnlySpan<char> text, DecimalStyle style, out decimal value)
    {
        value = 0;
        text = text.Trim();
        var i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        long mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 15)
                {
                    return false;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0 && style == DecimalStyle.Point)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }
        if (digits == 0)
        {
            return false;
        }
        value = new decimal((int)(mantissa & 0xFFFF_FFFF), (int)(mantissa >> 32), 0, isNegative: mantissa != 0 && text[0] == '-', (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>Customer ids as people read them: "17850.0" and " 17850 " both become "17850".</summary>
    internal static string? NormaliseId(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty || text.Equals("nan", StringComparison.OrdinalIgnoreCase) || text.Equals("null", StringComparison.OrdinalIgnoreCase)
            || text.Equals("NA", StringComparison.Ordinal))
        {
            return null;
        }
        var point = text.IndexOf('.');
        if (point > 0 && IsAllDigits(text[..point]) && IsAllZeros(text[(point + 1)..]))
        {
            text = text[..point];
        }
        return text.ToString();
    }

    private static bool IsAllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsAllZeros(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c != '0')
            {
                return false;
            }
        }
        return true;
    }
}
