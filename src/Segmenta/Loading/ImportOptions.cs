namespace Segmenta.Loading;

/// <summary>How to read a source file. Every setting is detected when left empty.</summary>
public sealed record ImportOptions
{
    /// <summary>Explicit role-to-column choices (<c>--map customer="Client No"</c>); other roles are mapped from usual names.</summary>
    public IReadOnlyDictionary<ColumnRole, string> ColumnMap { get; init; } = new Dictionary<ColumnRole, string>();

    /// <summary>Text encoding name (utf-8, windows-1252, iso-8859-1); null = detect.</summary>
    public string? Encoding { get; init; }

    /// <summary>dmy, mdy, ymd or an exact .NET format such as "dd/MM/yyyy HH:mm"; null = decide from the column.</summary>
    public string? DateFormat { get; init; }

    /// <summary>Field delimiter; null = detect among comma, semicolon, tab and pipe.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Decimal separator of numbers; null = detect.</summary>
    public DecimalStyle? DecimalStyle { get; init; }

    /// <summary>Parses <c>role=column</c> pairs as typed on the command line.</summary>
    public static IReadOnlyDictionary<ColumnRole, string> ParseColumnMap(IEnumerable<string> pairs)
    {
        var map = new Dictionary<ColumnRole, string>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw new SegmentaException($"--map {pair}: expected role=column, for example --map customer=\"Customer ID\".");
            }
            var roleName = pair[..equals];
            if (!RoleNames.TryParse(roleName, out var role))
            {
                throw new SegmentaException($"--map {pair}: unknown role '{roleName}'. Roles: {RoleNames.AllUserNames}.");
            }
            map[role] = pair[(equals + 1)..].Trim().Trim('"');
        }
        return map;
    }
}
