namespace Segmenta.Reporting;

/// <summary>
/// One colour per segment, the same in every chart: segments are ordered (by the stage that made them) and take the
/// colours of a colour-blind-safe palette (Okabe-Ito, then Tableau 10) in that order.
/// </summary>
public static class Palette
{
    private static readonly string[] Colours =
    [
        "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
        "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#9C755F",
    ];

    public static string For(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];

    internal static ScottPlot.Color Plot(int index) => ScottPlot.Color.FromHex(For(index));

    internal static ScottPlot.Color Primary => Plot(0);
}
