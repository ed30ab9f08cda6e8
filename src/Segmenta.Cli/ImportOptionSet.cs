using System.CommandLine;
using Segmenta.Loading;

namespace Segmenta.Cli;

/// <summary>The options that say how to read a source file, shared by every command that imports.</summary>
internal sealed class ImportOptionSet
{
    internal Option<string[]> Map { get; } = new("--map")
    {
        Description = "Column for a role when the name is unusual: role=column or role=POSITION (1 = first column), repeatable (roles: invoice, product, description, quantity, date, price, total, customer, country, category).",
        AllowMultipleArgumentsPerToken = false,
    };

    internal Option<string?> Encoding { get; } = new("--encoding")
    {
        Description = "Text encoding of the file (utf-8, windows-1252, iso-8859-1). Default: detected.",
    };

    internal Option<string?> DateFormat { get; } = new("--date-format")
    {
        Description = "dmy, mdy, ymd (also reads 19970101), or an exact .NET pattern such as yyyyMMdd or \"dd/MM/yyyy HH:mm\". Default: decided from the date column.",
    };

    internal Option<string?> Delimiter { get; } = new("--delimiter")
    {
        Description = "Field delimiter: comma, semicolon, tab, pipe, whitespace (runs of spaces and tabs) or the character itself. Default: detected.",
    };

    internal Option<string> Header { get; } = new("--header")
    {
        Description = "Whether the first line names the columns: auto, yes or no (no: columns are named by position, --map customer=1). Default: auto (a first line with numbers or dates and no usual column name is data).",
        DefaultValueFactory = _ => "auto",
    };

    internal Option<bool> Replace { get; } = new("--replace")
    {
        Description = "Import a file again although it is already in the database, replacing its earlier lines (needed to re-import it with other options).",
    };

    internal Option<string?> Decimal { get; } = new("--decimal")
    {
        Description = "Decimal separator of numbers: point or comma. Default: detected.",
    };

    internal void AddTo(Command command)
    {
        command.Add(Map);
        command.Add(Encoding);
        command.Add(DateFormat);
        command.Add(Delimiter);
        command.Add(Decimal);
        command.Add(Header);
        command.Add(Replace);
    }

    internal ImportOptions Read(ParseResult result) => new()
    {
        ColumnMap = ImportOptions.ParseColumnMap(result.GetValue(Map) ?? []),
        Encoding = result.GetValue(Encoding),
        DateFormat = result.GetValue(DateFormat),
        Delimiter = ParseDelimiter(result.GetValue(Delimiter)),
        Header = result.GetValue(Header)?.Trim().ToLowerInvariant() switch
        {
            null or "auto" => HeaderMode.Auto,
            "yes" or "true" or "present" => HeaderMode.Present,
            "no" or "false" or "none" or "absent" => HeaderMode.Absent,
            var other => throw new SegmentaException($"--header {SafeText.Clip(other, 40)}: use auto, yes or no."),
        },
        Replace = result.GetValue(Replace),
        DecimalStyle = result.GetValue(Decimal)?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "point" or "dot" or "." => DecimalStyle.Point,
            "comma" or "," => DecimalStyle.Comma,
            var other => throw new SegmentaException($"--decimal {SafeText.Clip(other, 40)}: use point or comma."),
        },
    };

    private static char? ParseDelimiter(string? text) => (text is { Length: > 0 } && text.Trim().Length == 0 ? "whitespace" : text?.Trim().ToLowerInvariant()) switch
    {
        null => null,
        "whitespace" or "space" or "spaces" or "blank" => ImportOptions.WhitespaceDelimiter,
        "comma" or "," => ',',
        "semicolon" or ";" => ';',
        "tab" or "\\t" or "\t" => '\t',
        "pipe" or "|" => '|',
        { Length: 1 } single => single[0],
        var other => throw new SegmentaException($"--delimiter {SafeText.Clip(other, 40)}: use comma, semicolon, tab, pipe, whitespace or a single character."),
    };
}
