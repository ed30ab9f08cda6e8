using System.Globalization;
using System.Text.RegularExpressions;
using Segmenta.Store;

namespace Segmenta.Loading;

/// <summary>
/// Loads a Parquet file with typed columns straight from DuckDB's <c>read_parquet</c> into raw_lines and quarantine,
/// set-based inside the import's transaction: no cell is turned into text and parsed again. The rules are
/// <see cref="LineConverter"/>'s (parquet_typed_lines.sql), so the same lines as CSV give the same stored lines, the
/// same quarantine and the same accounting (rows read = loaded + quarantined, every bad row with its number).
/// A column whose type holds text where a date or number is expected (or a type not listed here) needs the text
/// rules: the importer then reads the file record by record as before (<see cref="ParquetRecordSource"/>).
/// </summary>
internal static partial class ParquetTypedImport
{
    /// <summary>Every character <see cref="string.Trim()"/> removes, so SQL's trim removes the same ones.</summary>
    private static readonly string WhiteSpace = new([.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace)]);

    private static readonly HashSet<string> Integers = new(StringComparer.OrdinalIgnoreCase)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
    };

    private static readonly HashSet<string> Timestamps = new(StringComparer.OrdinalIgnoreCase)
    {
        "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATE",
    };

    /// <summary>
    /// Loads the file when every mapped column has a type this path reads; returns false (nothing written) otherwise.
    /// </summary>
    internal static bool TryLoad(SegmentaStore store, string path, ColumnMapping mapping, int importId, out long loaded, out long quarantined)
    {
        (loaded, quarantined) = (0, 0);
        var source = Literal(Path.GetFullPath(path));
        var types = store.Query($"DESCRIBE SELECT * FROM read_parquet({source})", r => r.GetString(1));
        if (types.Count != mapping.Header.Count || View(mapping, types, source) is not { } view)
        {
            return false;
        }
        // The row count is in the file's metadata: when every row loads, the second scan for bad rows is skipped.
        var rows = store.Scalar<long>($"SELECT count(*) FROM read_parquet({source})");
        store.Execute(view);
        // DuckDB (1.5) reads a Parquet file by row groups, one task each; while a worker thread holds the only task the
        // calling thread busy-polls for another (duckdb/duckdb#22178): a file of one row group then costs two cores for
        // the work of one (1M lines: 13.3-14.7 s CPU instead of 6.3-7.3 s). Such files are read on the calling thread alone.
        var threads = store.Scalar<long>("SELECT CAST(current_setting('threads') AS BIGINT)");
        var rowGroups = store.Scalar<long>($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata({source})");
        var serial = rowGroups < threads && threads > 1;
        if (serial)
        {
            store.Execute("SET threads = 1");
        }
        try
        {
            store.Execute(SqlScripts.Get("Loading/parquet_raw_lines.sql"), ("importId", importId));
            loaded = store.Scalar<long>("SELECT count(*) FROM raw_lines WHERE import_id = $id", ("id", importId));
            if (loaded < rows)
            {
                store.Execute(SqlScripts.Get("Loading/parquet_quarantine.sql"), ("importId", importId));
                quarantined = store.Scalar<long>("SELECT count(*) FROM quarantine WHERE import_id = $id", ("id", importId));
            }
        }
        finally
        {
            store.Execute("DROP VIEW IF EXISTS parquet_typed_lines");
            if (serial)
            {
                store.Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
            }
        }
        if (loaded + quarantined != rows)
        {
            throw new InvalidOperationException($"{Path.GetFileName(path)}: {rows:N0} rows read but {loaded:N0} loaded and {quarantined:N0} quarantined.");
        }
        return true;
    }

    /// <summary>The view of the file's typed rows, or null when a mapped column's type needs text parsing.</summary>
    internal static string? View(ColumnMapping mapping, IReadOnlyList<string> types, string source)
    {
        var limit = Money.Limit.ToString("N0", CultureInfo.InvariantCulture);
        var parts = new Dictionary<string, string>
        {
            ["path"] = source,
            ["columns"] = string.Join(", ", mapping.Header.Select((_, i) => $"{Column(mapping, i)} AS {Cell(i)}")),
            ["limit"] = limit,
            ["limit_number"] = Money.Limit.ToString(CultureInfo.InvariantCulture),
            ["has_quantity"] = Bool(mapping.Has(ColumnRole.Quantity)),
            ["has_price"] = Bool(mapping.Has(ColumnRole.UnitPrice)),
            ["has_total"] = Bool(mapping.Has(ColumnRole.LineTotal)),
            ["has_amount"] = Bool(ColumnMapper.HasAmount(mapping)),
            ["raw"] = string.Join(" || ',' || ", mapping.Header.Select((_, i) => $"coalesce({Display(Cell(i), types[i])}, '')")),
        };
        var date = mapping.IndexOf(ColumnRole.Date);
        if (!Timestamps.Contains(types[date]))
        {
            return null;
        }
        var dateCell = Cell(date);
        parts["date"] = $"CASE WHEN year({dateCell}) BETWEEN 1 AND 9999 THEN date_trunc('second', CAST({dateCell} AS TIMESTAMP)) END";
        parts["date_cell"] = dateCell;
        parts["date_text"] = Display(dateCell, types[date]);
        foreach (var (role, name) in new[] { (ColumnRole.Quantity, "quantity"), (ColumnRole.UnitPrice, "price"), (ColumnRole.LineTotal, "total") })
        {
            if (!Number(mapping, types, role, name, parts))
            {
                return null;
            }
        }
        // Without a product code the description names the product, as in LineConverter.
        var product = mapping.Has(ColumnRole.Product) ? ColumnRole.Product : ColumnRole.Description;
        foreach (var (role, name) in new[]
                 {
                     (ColumnRole.Customer, "customer"), (ColumnRole.Invoice, "invoice"), (ColumnRole.Description, "description"),
                     (ColumnRole.Country, "country"), (ColumnRole.Category, "category"), (product, "product"),
                 })
        {
            var index = mapping.IndexOf(role);
            if (index < 0)
            {
                parts[name] = "CAST(NULL AS VARCHAR)";
                continue;
            }
            if (Text(Cell(index), types[index]) is not { } text)
            {
                return null;
            }
            // Customers keep "" (normalised in the view); other text roles store an empty cell as NULL.
            parts[name] = name == "customer" ? text : $"nullif({text}, '')";
        }
        // One pass, so that a column name or path holding "{limit}" is not replaced again; other braces stay as they are.
        return Placeholder().Replace(SqlScripts.Get("Loading/parquet_typed_lines.sql"),
            m => parts.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    /// <summary>
    /// Value (DECIMAL(18,4), which holds every value up to the limit), whether it fits, the cell and its text as the CSV
    /// would show it. A type whose every value fits (INTEGER, DECIMAL(12,2)) is cast without a test.
    /// </summary>
    private static bool Number(ColumnMapping mapping, IReadOnlyList<string> types, ColumnRole role, string name, Dictionary<string, string> parts)
    {
        var index = mapping.IndexOf(role);
        if (index < 0)
        {
            (parts[name], parts[name + "_fits"], parts[name + "_cell"], parts[name + "_text"]) = ("CAST(NULL AS DECIMAL(18,4))", "true", "NULL", "NULL");
            return true;
        }
        var c = Cell(index);
        var type = types[index];
        var limit = Money.Limit.ToString(CultureInfo.InvariantCulture);
        string fits, value;
        if (AlwaysFits(type))
        {
            fits = "true";
            value = $"CAST({c} AS DECIMAL(18,4))";
        }
        else if (Integers.Contains(type) || type.StartsWith("DECIMAL", StringComparison.OrdinalIgnoreCase))
        {
            fits = $"abs({c}) <= {limit}";
            value = $"CAST({c} AS DECIMAL(18,4))";
        }
        else if (type.Equals("DOUBLE", StringComparison.OrdinalIgnoreCase))
        {
            // The text path reads a double's 15 significant digits ((decimal)double) and rounds them at 4 places.
            fits = $"isfinite({c}) AND abs({c}) <= {limit}";
            value = $"CAST(printf('%.14e', {c}) AS DECIMAL(18,4))";
        }
        else if (type.Equals("FLOAT", StringComparison.OrdinalIgnoreCase))
        {
            fits = $"isfinite({c}) AND abs({c}) <= {limit}";
            value = $"CAST(CAST({c} AS VARCHAR) AS DECIMAL(18,4))";
        }
        else
        {
            return false;
        }
        parts[name] = fits == "true" ? value : $"CASE WHEN {fits} THEN {value} END";
        parts[name + "_fits"] = fits == "true" ? fits : $"coalesce({fits}, true)";
        parts[name + "_cell"] = c;
        parts[name + "_text"] = Clip(Display(c, type));
        return true;
    }

    /// <summary>
    /// Whether every value of a Parquet number type lies within <see cref="Money.Limit"/> (99,999,999,999,999): integers up to
    /// 32 bits, and decimals with at most 13 digits before the point (or 14 and none after it).
    /// </summary>
    internal static bool AlwaysFits(string type)
    {
        if (type.ToUpperInvariant() is "TINYINT" or "SMALLINT" or "INTEGER" or "UTINYINT" or "USMALLINT" or "UINTEGER")
        {
            return true;
        }
        if (!type.StartsWith("DECIMAL(", StringComparison.OrdinalIgnoreCase) || !type.EndsWith(')'))
        {
            return false;
        }
        var digits = type["DECIMAL(".Length..^1].Split(',');
        return digits.Length == 2
            && int.TryParse(digits[0], NumberStyles.None, CultureInfo.InvariantCulture, out var precision)
            && int.TryParse(digits[1], NumberStyles.None, CultureInfo.InvariantCulture, out var scale)
            && (precision - scale <= 13 || (precision <= 14 && scale == 0));
    }

    /// <summary>A cell of a text role (trimmed, "" for NULL), or null when its type is not read as text here.</summary>
    private static string? Text(string c, string type)
    {
        if (type.Equals("VARCHAR", StringComparison.OrdinalIgnoreCase))
        {
            // trim with a character list builds that list's set for every cell (about 15 % of the load's CPU on 1M lines): a cell
            // that starts and ends with printable ASCII other than space (almost every cell) has nothing to trim.
            return $"coalesce(CASE WHEN ascii({c}) BETWEEN 33 AND 126 AND ascii(right({c}, 1)) BETWEEN 33 AND 126 THEN {c} ELSE trim({c}, {Literal(WhiteSpace)}) END, '')";
        }
        return Integers.Contains(type) || type.StartsWith("DECIMAL", StringComparison.OrdinalIgnoreCase) || type.Equals("DOUBLE", StringComparison.OrdinalIgnoreCase)
            ? $"coalesce({Display(c, type)}, '')"
            : null;
    }

    /// <summary>A cell as text the way <see cref="ParquetRecordSource"/> shows it (NULL stays NULL).</summary>
    private static string Display(string c, string type) => type.ToUpperInvariant() switch
    {
        "DATE" => $"strftime({c}, '%Y-%m-%d')",
        var t when Timestamps.Contains(t) => $"strftime({c}, '%Y-%m-%d %H:%M:%S')",
        // .NET's round-trip format: 17850 for 17850.0, NaN, Infinity, 1E+20.
        "DOUBLE" => $"CASE WHEN isnan({c}) THEN 'NaN' WHEN {c} = 'inf'::DOUBLE THEN 'Infinity' WHEN {c} = '-inf'::DOUBLE THEN '-Infinity' "
            + $"WHEN {c} = trunc({c}) AND abs({c}) < 1e15 THEN CAST(CAST({c} AS BIGINT) AS VARCHAR) ELSE replace(CAST({c} AS VARCHAR), 'e', 'E') END",
        _ => $"CAST({c} AS VARCHAR)",
    };

    /// <summary>SafeText.Clip(text, 40) of a value's text (numbers and dates hold no control characters).</summary>
    private static string Clip(string text) => $"CASE WHEN length({text}) > 40 THEN left({text}, 40) || '...' ELSE {text} END";

    private static string Column(ColumnMapping mapping, int index) => "\"" + mapping.Header[index].Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The view's own name for the file's column <paramref name="index"/> (c0, c1, ...).</summary>
    private static string Cell(int index) => string.Create(CultureInfo.InvariantCulture, $"c{index}");

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();

    private static string Bool(bool value) => value ? "true" : "false";
}
