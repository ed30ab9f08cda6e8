namespace Segmenta.Loading;

/// <summary>
/// The first lines of a file as the importer reads them (format, encoding and delimiter detected the same way), with
/// the column each role would be taken from: what a host shows so that a user can map columns by picking them.
/// </summary>
/// <param name="Format">The detected format (DelimitedText, GzipDelimitedText, Excel, Parquet).</param>
/// <param name="HasHeader">False when the file has no header line (columns are then named by position 1, 2, ...).</param>
/// <param name="Columns">Column names in file order.</param>
/// <param name="Rows">The first data rows, as text.</param>
/// <param name="Detected">Roles found by the usual column names (what the import would use without a mapping).</param>
/// <param name="Suggested">For roles not found by name, a likely column (by words in its name or by its first value); only a suggestion.</param>
public sealed record FilePreview(
    string Format, bool HasHeader, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyDictionary<ColumnRole, string> Detected, IReadOnlyDictionary<ColumnRole, string> Suggested)
{
    /// <summary>Roles every import needs (customer and date); amounts are optional.</summary>
    public static readonly IReadOnlyList<ColumnRole> RequiredRoles = [ColumnRole.Customer, ColumnRole.Date];

    /// <summary>Required roles the usual names did not find: the import needs a mapping for these.</summary>
    public IReadOnlyList<ColumnRole> Missing => [.. RequiredRoles.Where(r => !Detected.ContainsKey(r))];

    /// <summary>Reads the header and the first <paramref name="rows"/> rows of <paramref name="path"/>.</summary>
    /// <exception cref="SegmentaException">The file cannot be read as a table (binary text, unknown format).</exception>
    public static FilePreview Read(string path, ImportOptions? options = null, int rows = 5)
    {
        options ??= new ImportOptions();
        var format = SourceFormatDetector.Detect(path);
        var (source, _) = SourceOpener.Open(path, format, options.Encoding, options.Delimiter, options.Header);
        using (source)
        {
            var hasHeader = source is not DelimitedRecordReader reader || reader.HasHeader;
            var header = source.Header.ToList();
            var sample = new List<IReadOnlyList<string>>();
            while (sample.Count < rows && source.Read())
            {
                sample.Add([.. Enumerable.Range(0, source.FieldCount).Select(i => source.Field(i).ToString())]);
            }
            var detected = new Dictionary<ColumnRole, int>();
            if (hasHeader)
            {
                var normalised = header.Select(RoleNames.Normalise).ToArray();
                // As the importer does: synonyms in order of preference, each column used once.
                foreach (var (role, synonyms) in RoleNames.Synonyms)
                {
                    var index = synonyms.Select(s => Array.IndexOf(normalised, s)).FirstOrDefault(i => i >= 0 && !detected.ContainsValue(i), -1);
                    if (index >= 0)
                    {
                        detected[role] = index;
                    }
                }
            }
            var taken = detected.Values.ToHashSet();
            var suggested = new Dictionary<ColumnRole, string>();
            foreach (var role in RequiredRoles.Append(ColumnRole.LineTotal).Where(r => !detected.ContainsKey(r)))
            {
                var index = ColumnGuess.For(role, header, sample.FirstOrDefault(), taken);
                if (index >= 0)
                {
                    suggested[role] = header[index];
                    taken.Add(index);
                }
            }
            return new FilePreview(format.ToString(), hasHeader, header, sample, detected.ToDictionary(d => d.Key, d => header[d.Value]), suggested);
        }
    }
}
