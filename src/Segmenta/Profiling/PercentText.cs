using System.Globalization;

namespace Segmenta.Profiling;

/// <summary>
/// The one way profiling's outputs (insight sentences, insights.md, the category insights) write a share as a
/// percentage: one decimal, no space ("16.0%"), as the report's tables do, so the same number reads the same everywhere.
/// </summary>
internal static class PercentText
{
    /// <summary>The share (0.16) as "16.0%"; <paramref name="decimals"/> only for measures shown coarser on purpose (fidelity).</summary>
    internal static string Format(double share, int decimals = 1) => (share * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%";
}
