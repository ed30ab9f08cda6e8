namespace Segmenta;

/// <summary>Rounding for display, shared by the terminal, the report and the dashboard.</summary>
public static class Rounding
{
    /// <summary>
    /// 0 for a value that shows as zero at <paramref name="decimals"/> places (a residue such as -2e-13 or a share of
    /// -0.0004), so it never prints as "-0.0"; any other value unchanged.
    /// </summary>
    public static double NoNegativeZero(double value, int decimals) =>
        Math.Round(value, Math.Clamp(decimals, 0, 15), MidpointRounding.AwayFromZero) == 0 ? 0 : value;
}
