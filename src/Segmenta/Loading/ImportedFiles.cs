using Segmenta.Store;

namespace Segmenta.Loading;

/// <summary>One imported file as the imports table remembers it.</summary>
/// <param name="SourceName">The file's name.</param>
/// <param name="Format">csv, xlsx, parquet...</param>
/// <param name="SizeBytes">Size of the file.</param>
/// <param name="LinesRead">Lines read.</param>
/// <param name="LinesLoaded">Lines stored.</param>
/// <param name="LinesQuarantined">Lines set aside with a reason.</param>
/// <param name="ImportedAt">When it was imported.</param>
public sealed record ImportedFile(string SourceName, string Format, long SizeBytes, long LinesRead, long LinesLoaded, long LinesQuarantined, DateTime ImportedAt);

/// <summary>Reads the list of imported files, for hosts (the dashboard's Data page).</summary>
public static class ImportedFiles
{
    /// <summary>Every imported file, oldest first.</summary>
    public static IReadOnlyList<ImportedFile> List(SegmentaStore store) => store.Query(
        "SELECT source_name, format, size_bytes, lines_read, lines_loaded, lines_quarantined, imported_at FROM imports ORDER BY import_id",
        r => new ImportedFile(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetDateTime(6)));
}
