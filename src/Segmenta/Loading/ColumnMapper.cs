namespace Segmenta.Loading;

/// <summary>
/// Maps source columns to roles: first the user's <c>--map</c> overrides, then the usual names
/// (case- and punctuation-insensitive). Fails with the columns found when a required role is missing.
/// </summary>
internal static class ColumnMapper
{
    internal static ColumnMapping Map(IReadOnlyList<string> header, IReadOnlyDictionary<ColumnRole, string> overrides)
    {
        var normalised = header.Select(RoleNames.Normalise).ToArray();
        var indexes = new Dictionary<ColumnRole, int>();
        foreach (var (role, column) in overrides)
        {
            var index = FindColumn(header, normalised, column);
            if (index < 0)
            {
                throw new SegmentaException(
                    $"--map {RoleNames.Of(role)}={column}: the file has no column '{column}'. Columns found: {Quote(header)}.");
            }
            indexes[role] = index;
        }

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

        var mapping = new ColumnMapping(indexes, header);
        ThrowIfRequiredRolesMissing(mapping);
        return mapping;
    }

    private static int FindColumn(IReadOnlyList<string> header, string[] normalised, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return Array.IndexOf(normalised, RoleNames.Normalise(column));
    }

    private static void ThrowIfRequiredRolesMissing(ColumnMapping mapping)
    {
        var missing = new List<string>();
        if (!mapping.Has(ColumnRole.Customer))
        {
            missing.Add("customer (e.g. CustomerID)");
        }
        if (!mapping.Has(ColumnRole.Date))
        {
            missing.Add("date (e.g. InvoiceDate)");
        }
        var hasAmount = mapping.Has(ColumnRole.LineTotal)
            || (mapping.Has(ColumnRole.UnitPrice) && mapping.Has(ColumnRole.Quantity));
        if (!hasAmount)
        {
            missing.Add("an amount: quantity and price (e.g. Quantity, UnitPrice), or a line total (e.g. Total)");
        }
        if (missing.Count == 0)
        {
            return;
        }
        throw new MissingColumnException(
            $"The file has no column for {string.Join("; ", missing)}. Columns found: {Quote(mapping.Header)}. "
            + $"Tell Segmenta which column to use with --map role=column, for example --map customer=\"{Example(mapping.Header)}\" "
            + $"(roles: {RoleNames.AllUserNames}).");
    }

    private static string Example(IReadOnlyList<string> header) => header.Count > 0 ? header[0] : "Client";

    private static string Quote(IReadOnlyList<string> header) => string.Join(", ", header.Select(h => $"'{h}'"));
}
