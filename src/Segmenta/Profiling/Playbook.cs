using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segmenta.Profiling;

/// <summary>Conditions of a playbook entry on a segment profile; null = no condition.</summary>
public sealed record PlaybookCondition
{
    public double? RecencyIndexMin { get; init; }
    public double? RecencyIndexMax { get; init; }
    public double? FrequencyIndexMin { get; init; }
    public double? FrequencyIndexMax { get; init; }
    public double? MonetaryIndexMin { get; init; }
    public double? MonetaryIndexMax { get; init; }
    public double? TenureIndexMax { get; init; }
    public double? ReturnsRateIndexMin { get; init; }
    public double? ReturnsRateMin { get; init; }
    public double? CustomerShareMax { get; init; }

    /// <summary>Share of the segment's customers with exactly one order, at least this (an action for first-timers).</summary>
    public double? OneTimeShareMin { get; init; }

    /// <summary>Share of the segment's customers with exactly one order, at most this.</summary>
    public double? OneTimeShareMax { get; init; }

    /// <summary>Mean predicted CLV of the segment / mean of all customers, at least this (needs a lifetime run).</summary>
    public double? ClvIndexMin { get; init; }

    /// <summary>Share of the segment's customers with a High churn risk, at least this (needs a lifetime run).</summary>
    public double? HighChurnRiskShareMin { get; init; }

    /// <summary>Applies to the RFM segment of this name only (for example "New Customers"); such entries never match clusters.</summary>
    public string? RfmSegment { get; init; }
}

/// <summary>One playbook entry: when a segment's profile meets the conditions, this action applies, for this reason.</summary>
public sealed record PlaybookEntry(string Id, string Action, string Why, PlaybookCondition When);

/// <summary>The action chosen for a segment, with the reasoning (the conditions and the segment's own numbers).</summary>
public sealed record SegmentAction(string PlaybookEntry, string Action, string Reasoning);

/// <summary>
/// The marketing playbook: a data file (Profiling/playbook.json by default, or the user's own via --playbook) mapping
/// segment profiles to actions. The first entry whose conditions hold wins. RFM segments take the RFM map's action
/// unless an entry names them (<see cref="PlaybookCondition.RfmSegment"/>): see RfmSegmentActions.
/// </summary>
public sealed record Playbook(IReadOnlyList<PlaybookEntry> Entries)
{
    /// <summary>The built-in playbook.</summary>
    public static Playbook Default { get; } = Parse(ReadEmbedded(), "the built-in playbook");

    /// <summary>Reads a playbook file; errors name the file and what is wrong.</summary>
    public static Playbook Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SegmentaException($"Playbook file not found: {path}. Start from a copy of the built-in one (docs/profiling.md).");
        }
        return Parse(File.ReadAllText(path), path);
    }

    internal static Playbook Parse(string json, string source)
    {
        try
        {
            var file = JsonSerializer.Deserialize(json, PlaybookJson.Default.PlaybookFile);
            if (file?.Entries is not { Count: > 0 } entries || entries.Any(e => string.IsNullOrWhiteSpace(e.Id) || string.IsNullOrWhiteSpace(e.Action)))
            {
                throw new SegmentaException($"{source}: a playbook needs an \"entries\" list whose items have an id and an action.");
            }
            return new Playbook(entries.Select(e => e with { When = e.When ?? new PlaybookCondition(), Why = e.Why ?? "" }).ToList());
        }
        catch (JsonException e)
        {
            throw new SegmentaException($"{source} is not a valid playbook: {e.Message}", e);
        }
    }

    /// <summary>The first matching entry's action for the profile, with the reasoning.</summary>
    public SegmentAction Choose(SegmentProfile profile, double overallReturnsRate)
    {
        var values = new Dictionary<string, double>
        {
            ["recency index"] = profile.IndexOf("recency"),
            ["frequency index"] = profile.IndexOf("frequency"),
            ["monetary index"] = profile.IndexOf("monetary"),
            ["tenure index"] = profile.IndexOf("tenure_days"),
            ["returns-rate index"] = overallReturnsRate > 0 ? profile.ReturnsRate / overallReturnsRate : double.NaN,
            ["customer share"] = profile.CustomerShare,
            ["one-time share"] = profile.OneTimeShare,
            ["returns rate"] = profile.ReturnsRate,
            // Without a lifetime run these are NaN, so entries that need them never match.
            ["CLV index"] = profile.Value?.ClvIndex ?? double.NaN,
            ["high churn-risk share"] = profile.Value?.HighChurnRiskShare ?? double.NaN,
        };
        foreach (var entry in Entries.Where(e => e.When.RfmSegment is null))
        {
            var checks = Checks(entry.When, values).ToList();
            if (checks.All(c => c.Holds))
            {
                var numbers = checks.Count == 0 ? "no conditions" : string.Join("; ", checks.Select(c => c.Text));
                return new SegmentAction(entry.Id, entry.Action, $"{entry.Why} ({numbers})");
            }
        }
        return new SegmentAction("none", "", "no playbook entry matches");
    }

    private static IEnumerable<(bool Holds, string Text)> Checks(PlaybookCondition when, Dictionary<string, double> values)
    {
        (bool, string) Min(string name, double bound) => (values[name] >= bound, $"{name} {F(values[name])} ≥ {F(bound)}");
        (bool, string) Max(string name, double bound) => (values[name] <= bound, $"{name} {F(values[name])} ≤ {F(bound)}");
        if (when.RecencyIndexMin is { } a) yield return Min("recency index", a);
        if (when.RecencyIndexMax is { } b) yield return Max("recency index", b);
        if (when.FrequencyIndexMin is { } c) yield return Min("frequency index", c);
        if (when.FrequencyIndexMax is { } d) yield return Max("frequency index", d);
        if (when.MonetaryIndexMin is { } e) yield return Min("monetary index", e);
        if (when.MonetaryIndexMax is { } f) yield return Max("monetary index", f);
        if (when.TenureIndexMax is { } g) yield return Max("tenure index", g);
        if (when.ReturnsRateIndexMin is { } h) yield return Min("returns-rate index", h);
        if (when.ReturnsRateMin is { } j) yield return Min("returns rate", j);
        if (when.CustomerShareMax is { } i) yield return Max("customer share", i);
        if (when.OneTimeShareMin is { } m) yield return Min("one-time share", m);
        if (when.OneTimeShareMax is { } n) yield return Max("one-time share", n);
        if (when.ClvIndexMin is { } k) yield return Min("CLV index", k);
        if (when.HighChurnRiskShareMin is { } l) yield return Min("high churn-risk share", l);
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string ReadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Profiling/playbook.json")!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>A playbook file: its entries.</summary>
    internal sealed record PlaybookFile([property: JsonPropertyName("entries")] List<PlaybookEntry>? Entries);
}
