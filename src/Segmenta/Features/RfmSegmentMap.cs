using System.Reflection;

namespace Segmenta.Features;

/// <summary>One cell range of the RFM segment map: customers with R in [RMin, RMax] and FM in [FmMin, FmMax].</summary>
internal sealed record RfmSegmentRule(string Segment, int RMin, int RMax, int FmMin, int FmMax, string Meaning)
{
    /// <summary>The documented map (Features/rfm_segments.csv), covering every (R, FM) pair exactly once.</summary>
    internal static IReadOnlyList<RfmSegmentRule> Default { get; } = Load();

    internal bool Contains(int r, int fm) => r >= RMin && r <= RMax && fm >= FmMin && fm <= FmMax;

    /// <summary>FM score: the mean of F and M, rounded half up.</summary>
    internal static int FmScore(int f, int m) => (f + m + 1) / 2;

    private static List<RfmSegmentRule> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Features/rfm_segments.csv")!;
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var rules = new List<RfmSegmentRule>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var quote = line.IndexOf('"', StringComparison.Ordinal);
            var meaning = line[(quote + 1)..^1];
            var parts = line[..(quote - 1)].Split(',');
            rules.Add(new RfmSegmentRule(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture), meaning));
        }
        return rules;
    }
}
