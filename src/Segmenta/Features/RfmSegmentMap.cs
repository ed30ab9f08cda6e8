using System.Reflection;

namespace Segmenta.Features;

/// <summary>One cell range of the RFM segment map: customers with R in [RMin, RMax] and FM in [FmMin, FmMax].</summary>
internal sealed record RfmSegmentRule(string Segment, int RMin, int RMax, int FmMin, int FmMax, string Meaning, string Action)
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
            var f = SplitCsv(line);
            int Int(int i) => int.Parse(f[i], System.Globalization.CultureInfo.InvariantCulture);
            rules.Add(new RfmSegmentRule(f[0], Int(1), Int(2), Int(3), Int(4), f[5], f[6]));
        }
        return rules;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
