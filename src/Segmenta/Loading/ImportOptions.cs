namespace Segmenta.Loading;

/// <summary>How to read a source file. Every setting is detected when left empty.</summary>
public sealed record ImportOptions
{
    /// <summary>The <see cref="Delimiter"/> value meaning "fields separated by runs of spaces and tabs".</summary>
    public const char WhitespaceDelimiter = ' ';

    /// <summary>The prefix of the import options in the run's options (errors name <c>Import.DateFormat</c>, ...).</summary>
    public const string Property = "Import";

    /// <summary>An <see cref="InvalidOptionException"/> for one of these options; each host names it its own way.</summary>
    internal static InvalidOptionException Invalid(string name, string problem) => new($"{Property}.{name}", problem);

    /// <summary>Explicit role-to-column choices (<c>--map customer="Client No"</c>); other roles are mapped from usual names.</summary>
    public IReadOnlyDictionary<ColumnRole, string> ColumnMap { get; init; } = new Dictionary<ColumnRole, string>();

    /// <summary>Text encoding name (utf-8, windows-1252, iso-8859-1); null = detect.</summary>
    public string? Encoding { get; init; }

    /// <summary>dmy, mdy, ymd or an exact .NET format such as "dd/MM/yyyy HH:mm"; null = decide from the column.</summary>
    public string? DateFormat { get; init; }

    /// <summary>Field delimiter; null = detect among comma, semicolon, tab, pipe and runs of spaces (a space means runs of spaces and tabs).</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether the first line names the columns; <see cref="HeaderMode.Auto"/> = decide from the line.</summary>
    public HeaderMode Header { get; init; } = HeaderMode.Auto;

    /// <summary>
    /// Re-import a file that was imported before with other options, replacing its lines. Without it a file already in
    /// the store is not read again, and asking for other options than its import used is an error.
    /// </summary>
    public bool Replace { get; init; }

    /// <summary>Decimal separator of numbers; null = detect.</summary>
    public DecimalStyle? DecimalStyle { get; init; }

    /// <summary>
    /// Reads a Parquet file record by record through the text rules even when its columns are typed (for tests and
    /// benchmarks that compare the two paths); by default typed columns are loaded set-based (ParquetTypedImport).
    /// </summary>
    internal bool ParquetRecordByRecord { get; init; }

    /// <summary>Checks every setting before any file is read; the message names the option.</summary>
    public void Validate()
    {
        _ = Loading.DateFormat.Parse(DateFormat);
        if (Encoding is not null)
        {
            _ = TextFormatSniffer.ParseEncoding(Encoding);
        }
        if (Delimiter is '"' or '\r' or '\n')
        {
            throw Invalid(nameof(Delimiter), "a quote or line break cannot separate fields. Use comma, semicolon, tab, pipe or whitespace.");
        }
    }

    /// <summary>The options the user set, as "--option value" words, for the import log and for comparing with a later import.</summary>
    internal IReadOnlyDictionary<string, string> Requested()
    {
        var requested = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, column) in ColumnMap)
        {
            requested[$"--map {RoleNames.Of(role)}"] = column;
        }
        if (Encoding is not null)
        {
            requested["--encoding"] = TextFormatSniffer.ParseEncoding(Encoding).Name;
        }
        if (DateFormat is not null && Loading.DateFormat.Parse(DateFormat) != Loading.DateFormat.Detect)
        {
            requested["--date-format"] = DateFormat.Trim();
        }
        if (Delimiter is { } delimiter)
        {
            requested["--delimiter"] = delimiter == DelimitedRecordReader.Whitespace ? "whitespace" : delimiter.ToString();
        }
        if (DecimalStyle is { } style)
        {
            requested["--decimal"] = style.ToString().ToLowerInvariant();
        }
        if (Header != HeaderMode.Auto)
        {
            requested["--header"] = Header == HeaderMode.Present ? "yes" : "no";
        }
        return requested;
    }

    /// <summary>Parses <c>role=column</c> pairs as typed on the command line.</summary>
    public static IReadOnlyDictionary<ColumnRole, string> ParseColumnMap(IEnumerable<string> pairs)
    {
        var map = new Dictionary<ColumnRole, string>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw Invalid(nameof(ColumnMap), $"{pair}: expected role=column, for example customer=\"Customer ID\".");
            }
            var roleName = pair[..equals];
            if (!RoleNames.TryParse(roleName, out var role))
            {
                throw Invalid(nameof(ColumnMap), $"{pair}: unknown role '{roleName}'. Roles: {RoleNames.AllUserNames}.");
            }
            map[role] = pair[(equals + 1)..].Trim().Trim('"');
        }
        return map;
    }
}
