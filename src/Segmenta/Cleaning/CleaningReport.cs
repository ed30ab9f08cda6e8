namespace Segmenta.Cleaning;

/// <summary>One outcome of cleaning: the lines a rule removed (or kept) and their revenue.</summary>
public sealed record CleaningRow(int Step, string Rule, string Description, long Lines, double Revenue, double LineShare);

/// <summary>What cleaning did to every loaded line. LinesLoaded = LinesKept + the lines of every removing rule.</summary>
public sealed record CleaningReport(CleaningPreset Preset, IReadOnlyList<CleaningRow> Rows, long LinesQuarantined)
{
    /// <summary>Lines that went into cleaning.</summary>
    public long LinesLoaded => Rows.Sum(r => r.Lines);

    /// <summary>Lines kept for the analysis.</summary>
    public long LinesKept => Rows.Single(r => r.Rule == "kept").Lines;

    /// <summary>Lines removed per rule, by rule name.</summary>
    public IReadOnlyDictionary<string, long> LinesRemovedByRule =>
        Rows.Where(r => r.Rule != "kept").ToDictionary(r => r.Rule, r => r.Lines);
}
