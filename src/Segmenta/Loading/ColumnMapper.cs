using System.Globalization;

namespace Segmenta.Loading;

/// <summary>
/// Maps source columns to roles: first the user's <c>--map</c> overrides (by name, or by position 1, 2, ...), then the
/// usual names (case- and punctuation-insensitive). Fails with the columns found, and a <c>--map</c> suggestion for
/// each missing role, when a required role (customer, date) is missing. Amount roles are optional: see <see cref="HasAmount"/>.
/// </summary>
internal static class ColumnMapper
{
    private const int MaxColumnsShown = 30;

    /// <param name="header">Column names (positions "1", "2", ... for a file without a header line).</param>
    /// <param name="overrides">The user's <c>--map</c> choices.</param>
    /// <param name="example">Values of the first data line, used only to suggest columns when a role is missing.</param>
    /// <param name="hasHeader">False when the columns are named by position.</param>
    internal static ColumnMapping Map(
        IReadOnlyList<string> header, IReadOnlyDictionary<ColumnRole, string> overrides, IReadOnlyList<string>? example = null, bool hasHeader = true)
    {
        var normalised = header.Select(RoleNames.Normalise).ToArray();
        var indexes = new Dictionary<ColumnRole, int>();
        foreach (var (role, column) in overrides)
        {
            var index = FindColumn(header, normalised, column);
            if (index < 0)
            {
                throw ImportOptions.Invalid(nameof(ImportOptions.ColumnMap),
                    $"{RoleNames.Of(role)}={SafeText.Clip(column, 60)}: the file has no column '{SafeText.Clip(column, 60)}'. "
                    + $"Columns found: {Describe(header, example, hasHeader)}. A column can also be given by its position: {RoleNames.Of(role)}=1.");
            }
            indexes[role] = index;
        }

        if (hasHeader)
        {
            foreach (var (role, synonyms) in RoleNames.Synonyms)
            {
                if (indexes.ContainsKey(role))
                {
                    continue;
                }
                // Synonyms are tried in order of preference, so "InvoiceDate" wins over a generic "date".
                foreach (var synonym in synonyms)
                {
                    var index = Array.IndexOf(normalised, synonym);
                    if (index >= 0 && !indexes.ContainsValue(index))
                    {
                        indexes[role] = index;
                        break;
                    }
                }
            }
        }

        var mapping = new ColumnMapping(indexes, header);
        ThrowIfRequiredRolesMissing(mapping, example, hasHeader);
        return mapping;
    }

    /// <summary>
    /// True when the lines carry money: a line total, or quantity and price. Without, customer and date are enough and
    /// every money-based analysis is skipped (an amount that is not in the file is unknown, not zero).
    /// </summary>
    internal static bool HasAmount(ColumnMapping mapping) =>
        mapping.Has(ColumnRole.LineTotal) || (mapping.Has(ColumnRole.UnitPrice) && mapping.Has(ColumnRole.Quantity));

    private static int FindColumn(IReadOnlyList<string> header, string[] normalised, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        var byName = Array.IndexOf(normalised, RoleNames.Normalise(column));
        if (byName >= 0 && RoleNames.Normalise(column).Length > 0)
        {
            return byName;
        }
        return int.TryParse(column.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 1 && position <= header.Count
            ? position - 1
            : -1;
    }

    private static void ThrowIfRequiredRolesMissing(ColumnMapping mapping, IReadOnlyList<string>? example, bool hasHeader)
    {
        var missing = new List<(string Words, ColumnRole Role)>();
        if (!mapping.Has(ColumnRole.Customer))
        {
            missing.Add(("customer (e.g. CustomerID)", ColumnRole.Customer));
        }
        if (!mapping.Has(ColumnRole.Date))
        {
            missing.Add(("date (e.g. InvoiceDate)", ColumnRole.Date));
        }
        if (missing.Count == 0)
        {
            return;
        }
        var taken = mapping.Indexes.Values.ToHashSet();
        var suggestions = new List<string>();
        foreach (var (_, role) in missing)
        {
            var candidate = ColumnGuess.For(role, mapping.Header, example, taken);
            if (candidate >= 0)
            {
                taken.Add(candidate);
            }
            suggestions.Add($"--map {RoleNames.Of(role)}={(candidate >= 0 ? Quote(mapping.Header[candidate]) : "\"<column>\"")}");
        }
        var found = hasHeader
            ? $"Columns found: {Describe(mapping.Header, example, hasHeader)}."
            : $"The file has no header line (its first line is data; if it is a header, add --header yes), so its columns are named by position: {Describe(mapping.Header, example, hasHeader)}.";
        throw new MissingColumnException(
            $"The file has no column for {string.Join("; ", missing.Select(m => m.Words))}. {found} "
            + $"Tell Segmenta which column plays each role: {string.Join(" ", suggestions)} (roles: {RoleNames.AllUserNames}).");
    }

    private static string Quote(string column) =>
        column.Length > 0 && column.All(char.IsAsciiLetterOrDigit) ? column : $"\"{SafeText.Clip(column, 40)}\"";

    /// <summary>
    /// "'a', 'b'" (or "1 ('00004'), 2 ('0001')" without a header), stopping near <see cref="SafeText.MaxEcho"/>
    /// characters so a huge header line is never echoed whole.
    /// </summary>
    internal static string Describe(IReadOnlyList<string> header, IReadOnlyList<string>? example, bool hasHeader)
    {
        var shown = new List<string>();
        var length = 0;
        for (var i = 0; i < header.Count && i < MaxColumnsShown; i++)
        {
            var value = example is not null && i < example.Count ? $" ('{SafeText.Clip(example[i], 30)}')" : "";
            var column = hasHeader ? $"'{SafeText.Clip(header[i], 40)}'" : $"{header[i]}{value}";
            if (shown.Count > 0 && length + column.Length > SafeText.MaxEcho)
            {
                break;
            }
            shown.Add(column);
            length += column.Length + 2;
        }
        var more = header.Count > shown.Count ? $" and {header.Count - shown.Count} more" : "";
        return string.Join(", ", shown) + more;
    }
}
