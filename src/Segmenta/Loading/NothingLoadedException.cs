namespace Segmenta.Loading;

/// <summary>
/// A file was read but none of its lines could be loaded (every line quarantined, or no data lines at all).
/// Nothing was recorded: once the options are corrected the same file imports normally.
/// </summary>
public sealed class NothingLoadedException(ImportResult import, IReadOnlyList<QuarantineReason> reasons, string hint, string? quarantineFile)
    : SegmentaException(Compose(import, reasons, hint, quarantineFile))
{
    /// <summary>What the import read and decided (never recorded in the store).</summary>
    public ImportResult Import { get; } = import;

    /// <summary>The most frequent quarantine reasons, most frequent first.</summary>
    public IReadOnlyList<QuarantineReason> Reasons { get; } = reasons;

    /// <summary>The likely fix, in the words of the command line.</summary>
    public string Hint { get; } = hint;

    /// <summary>The CSV file holding every quarantined line of the attempt, when one was written.</summary>
    public string? QuarantineFile { get; } = quarantineFile;

    private static string Compose(ImportResult import, IReadOnlyList<QuarantineReason> reasons, string hint, string? quarantineFile)
    {
        if (import.LinesRead == 0)
        {
            return $"{import.SourceName} has no data lines (only a header). {hint}";
        }
        var why = string.Join("; ", reasons.Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.ExampleReason} ({r.Lines:N0} lines, first at line {r.ExampleLine})")));
        var file = quarantineFile is null ? "" : $" Every quarantined line is in {quarantineFile}.";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{import.SourceName}: none of its {import.LinesRead:N0} lines could be loaded; all were quarantined. Top reasons: {why}. {hint}{file}");
    }
}
