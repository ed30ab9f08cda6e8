using Segmenta.Store;

namespace Segmenta.Loading;

/// <summary>
/// The quarantine table as a CSV file for people to read: file, line number, reason, and the line's text cut to
/// 200 characters with control characters shown as '?'.
/// </summary>
internal static class QuarantineFile
{
    /// <summary>Writes the quarantined lines of every recorded import; returns the path.</summary>
    internal static string Write(SegmentaStore store, string path) =>
        Write(store, path, "SELECT import_id, source_name FROM imports");

    /// <summary>Writes the quarantined lines of one import that is not recorded (yet); returns the path.</summary>
    internal static string Write(SegmentaStore store, string path, int importId, string sourceName) =>
        Write(store, path, "SELECT $id::INTEGER AS import_id, $name AS source_name", ("id", importId), ("name", sourceName));

    private static string Write(SegmentaStore store, string path, string imports, params (string, object?)[] parameters)
    {
        CsvFile.WriteQuery(store, $"""
            SELECT i.source_name AS File, q.line_number AS Line, q.reason AS Reason,
                   regexp_replace(left(q.raw_text, {SafeText.MaxEcho}), '[[:cntrl:]]', '?', 'g')
                       || CASE WHEN length(q.raw_text) > {SafeText.MaxEcho} THEN '...' ELSE '' END AS Text
            FROM quarantine q JOIN ({imports}) i USING (import_id)
            ORDER BY q.import_id, q.line_number
            """, path, parameters);
        return path;
    }
}
