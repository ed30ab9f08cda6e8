using System.Globalization;

namespace Segmenta.Profiling;

/// <summary>
/// The one way profiling's outputs (insight sentences, insights.md, the category insights) write a share as a
/// percentage: one decimal, no space ("16.0%"), as the report's tables do, so the same number reads the same everywhere.
/// </summary>
internal static class PercentText
{
    /// <summary>
    /// The share (0.16) as "16.0%"; <paramref name="decimals"/> only for measures shown coarser on purpose (fidelity).
    /// Empty when not finite (a share of nothing); a residue that rounds to zero is "0.0%", never "-0.0%". The report's
    /// <c>Html.Percent</c> is this function.
    /// </summary>
    internal static string Format(double share, int decimals = 1) =>
        double.IsFinite(share) ? Rounding.NoNegativeZero(share * 100, decimals).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%" : "";
}
