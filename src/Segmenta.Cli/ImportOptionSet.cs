using System.CommandLine;
using Segmenta.Loading;

namespace Segmenta.Cli;

/// <summary>The options that say how to read a source file, shared by every command that imports.</summary>
internal sealed class ImportOptionSet
{
    internal Option<string[]> Map { get; } = new("--map")
    {
        Description = "Column for a role when the name is unusual: role=column, repeatable (roles: invoice, product, description, quantity, date, price, total, customer, country).",
        AllowMultipleArgumentsPerToken = false,
    };

    internal Option<string?> Encoding { get; } = new("--encoding")
    {
        Description = "Text encoding of the file (utf-8, windows-1252, iso-8859-1). Default: detected.",
    };

    internal Option<string?> DateFormat { get; } = new("--date-format")
    {
        Description = "dmy, mdy, ymd, or an exact format such as \"dd/MM/yyyy HH:mm\". Default: decided from the whole date column.",
    };

    internal Option<string?> Delimiter { get; } = new("--delimiter")
    {
        Description = "Field delimiter: comma, semicolon, tab, pipe or the character itself. Default: detected.",
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
    }

    internal ImportOptions Read(ParseResult result) => new()
    {
        ColumnMap = ImportOptions.ParseColumnMap(result.GetValue(Map) ?? []),
        Encoding = result.GetValue(Encoding),
        DateFormat = result.GetValue(DateFormat),
        Delimiter = ParseDelimiter(result.GetValue(Delimiter)),
        DecimalStyle = result.GetValue(Decimal)?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "point" or "dot" or "." => DecimalStyle.Point,
            "comma" or "," => DecimalStyle.Comma,
            var other => throw new SegmentaException($"--decimal {other}: use point or comma."),
        },
    };

    private static char? ParseDelimiter(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "comma" or "," => ',',
        "semicolon" or ";" => ';',
        "tab" or "\\t" or "\t" => '\t',
        "pipe" or "|" => '|',
        { Length: 1 } single => single[0],
        var other => throw new SegmentaException($"--delimiter {other}: use comma, semicolon, tab, pipe or a single character."),
    };
}
