using System.Numerics;
using System.Runtime.InteropServices;

namespace Segmenta.Postgres;

/// <summary>
/// DuckDB's <c>avg</c> of a DECIMAL (HugeintAverageOperation in DuckDB's avg.cpp), reproduced from the exact sum and
/// count a PostgreSQL server gives, so a mean computed on the server is the double DuckDB gives, to the bit. DuckDB
/// divides the sum's unscaled integer by count × 10^scale in <c>long double</c> and narrows the quotient to a double:
/// two roundings. The <c>long double</c> of DuckDB's native library has a 64-bit significand on x86-64 Linux and macOS
/// (x87 extended), 113 bits on ARM64 Linux (IEEE quad) and 53 on Windows and Apple ARM64 (a plain double, one rounding).
/// PostgreSQL's own <c>avg(numeric)::float8</c> rounds the quotient to a decimal of about 20 digits first, which is
/// why the server's mean differed from DuckDB's in the last digit.
/// </summary>
internal static class DuckDbAverage
{
    /// <summary>The significand bits of DuckDB's <c>long double</c> on this machine.</summary>
    internal static int LongDoubleBits { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 when !OperatingSystem.IsWindows() => 64,
        Architecture.Arm64 when OperatingSystem.IsLinux() => 113,
        _ => 53,
    };

    /// <summary>DuckDB's avg of DECIMAL values whose exact sum is <paramref name="sum"/> (at most <paramref name="scale"/> places) over <paramref name="count"/> values.</summary>
    internal static double Of(decimal sum, long count, int scale) => Of(sum, count, scale, LongDoubleBits);

    internal static double Of(decimal sum, long count, int scale, int longDoubleBits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var scaled = sum * Pow10(scale);
        var unscaled = new BigInteger(scaled);
        if (decimal.Truncate(scaled) != scaled)
        {
            throw new ArgumentException($"{sum} has more than {scale} decimal places.", nameof(sum));
        }
        if (unscaled.IsZero)
        {
            return 0;
        }
        var negative = unscaled.Sign < 0;
        var (significand, exponent) = Round(BigInteger.Abs(unscaled), count * BigInteger.Pow(10, scale), longDoubleBits);
        if (longDoubleBits > 53)
        {
            // The long double narrowed to a double: the significand rounded again, to 53 bits (half to even).
            var dropped = longDoubleBits - 53;
            var kept = significand >> dropped;
            var rest = significand - (kept << dropped);
            var half = BigInteger.One << (dropped - 1);
            if (rest > half || (rest == half && !kept.IsEven))
            {
                kept += 1;
            }
            (significand, exponent) = (kept, exponent + dropped);
        }
        var value = Math.ScaleB((double)significand, exponent);
        return negative ? -value : value;
    }

    /// <summary>numerator / denominator rounded half to even to <paramref name="bits"/> significant bits: significand × 2^exponent.</summary>
    private static (BigInteger Significand, int Exponent) Round(BigInteger numerator, BigInteger denominator, int bits)
    {
        var shift = bits - (int)(numerator.GetBitLength() - denominator.GetBitLength());
        while (true)
        {
            var (n, d) = shift >= 0 ? (numerator << shift, denominator) : (numerator, denominator << -shift);
            var quotient = BigInteger.DivRem(n, d, out var remainder);
            var length = quotient.GetBitLength();
            if (length > bits)
            {
                shift--;
                continue;
            }
            if (length < bits)
            {
                shift++;
                continue;
            }
            var twice = remainder * 2;
            if (twice > d || (twice == d && !quotient.IsEven))
            {
                quotient += 1;
            }
            if (quotient.GetBitLength() > bits)
            {
                return (quotient >> 1, -shift + 1);
            }
            return (quotient, -shift);
        }
    }

    private static decimal Pow10(int scale) => scale switch
    {
        < 0 or > 18 => throw new ArgumentOutOfRangeException(nameof(scale)),
        _ => (decimal)Math.Pow(10, scale),
    };
}
