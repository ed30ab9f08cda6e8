namespace Segmenta.Loading;

/// <summary>What an import read, loaded and quarantined, and what it decided about the file.</summary>
public sealed record ImportResult
{
    /// <summary>Id of the import in the store (also of the earlier import when the file was already there).</summary>
    public required int ImportId { get; init; }

    /// <summary>File name of the source.</summary>
    public required string SourceName { get; init; }

    /// <summary>True when the same file (same SHA-256) had been imported before; nothing was added.</summary>
    public required bool AlreadyImported { get; init; }

    /// <summary>Detected container format.</summary>
    public required string Format { get; init; }

    /// <summary>Text encoding used (null for Excel and Parquet).</summary>
    public string? Encoding { get; init; }

    /// <summary>Field delimiter used (null for Excel and Parquet).</summary>
    public string? Delimiter { get; init; }

    /// <summary>How ambiguous dates were read.</summary>
    public string? DateOrder { get; init; }

    /// <summary>Decimal separator used for numbers.</summary>
    public string? DecimalStyle { get; init; }

    /// <summary>"role=column" pairs.</summary>
    public required string ColumnMap { get; init; }

    /// <summary>Roles the file provides.</summary>
    public required IReadOnlySet<ColumnRole> Roles { get; init; }

    /// <summary>Data lines read (header and blank lines excluded). Always LinesLoaded + LinesQuarantined.</summary>
    public required long LinesRead { get; init; }

    /// <summary>Lines stored in raw_lines.</summary>
    public required long LinesLoaded { get; init; }

    /// <summary>Lines stored in quarantine, with line number, raw text and reason.</summary>
    public required long LinesQuarantined { get; init; }

    /// <summary>Wall time of the import.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>False when the file had no header line and its columns were named by position.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The options the user set for this import ("--date-format" → "yyyyMMdd"); empty when all were detected.</summary>
    public IReadOnlyDictionary<string, string> RequestedOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>The earlier import of the same file that this one replaced (<see cref="ImportOptions.Replace"/>), if any.</summary>
    public int? ReplacedImportId { get; init; }

    /// <summary>Lines read per second of wall time (0 for an import that read nothing).</summary>
    public double LinesPerSecond => Elapsed.TotalSeconds > 0 ? LinesRead / Elapsed.TotalSeconds : 0;
}
