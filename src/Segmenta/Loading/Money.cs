namespace Segmenta.Loading;

/// <summary>
/// Quantities, prices and amounts are exact decimals with <see cref="Scale"/> places (DECIMAL(18,4) in the store), so
/// that sums are the same in any order of lines. Four places hold every price of the usual exports (at most three on
/// the shared data) and a hundredth of a cent; a value with more places is rounded half away from zero.
/// </summary>
internal static class Money
{
    internal const int Scale = 4;

    /// <summary>Largest magnitude DECIMAL(18,4) holds, with room for rounding.</summary>
    internal const decimal Limit = 99_999_999_999_999m;

    /// <summary>True when the value can be stored; larger ones are quarantined with a reason.</summary>
    internal static bool Fits(double value) => Math.Abs(value) <= (double)Limit;

    /// <summary>True when the value can be stored; larger ones are quarantined with a reason.</summary>
    internal static bool Fits(decimal value) => Math.Abs(value) <= Limit;

    /// <summary>The exact value of a number read as a double from text of at most 15 significant digits.</summary>
    internal static decimal FromParsed(double value) => Round((decimal)value);

    /// <summary>Rounds a computed value (price × quantity, total ÷ quantity) to the stored scale.</summary>
    internal static decimal Round(decimal value) => decimal.Round(value, Scale, MidpointRounding.AwayFromZero);
}
