using Segmenta.Store;

namespace Segmenta.Loading;

/// <summary>One quarantined line: the file it came from, where, why, and its text.</summary>
public sealed record QuarantinedLine(string Source, long LineNumber, string Reason, string RawText);

/// <summary>Typed reads of the quarantine the loading stage writes.</summary>
public static class QuarantineTable
{
    /// <summary>Quarantined lines whose reason or text contains <paramref name="search"/> (all when empty), first <paramref name="limit"/>, and how many match.</summary>
    public static (IReadOnlyList<QuarantinedLine> Lines, long Total) Search(SegmentaStore store, string? search, int limit)
    {
        (string, object?)[] filter = [("q", string.IsNullOrWhiteSpace(search) ? null : search.Trim())];
        const string where = "WHERE $q IS NULL OR contains(lower(q.reason), lower($q)) OR contains(lower(q.raw_text), lower($q))";
        var total = store.Scalar<long>($"SELECT count(*) FROM quarantine q {where}", filter);
        var lines = store.Query(
            $"""
            SELECT i.source_name, q.line_number, q.reason, q.raw_text
            FROM quarantine q JOIN imports i USING (import_id) {where}
            ORDER BY q.import_id, q.line_number LIMIT $limit
            """,
            r => new QuarantinedLine(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3)), [.. filter, ("limit", limit)]);
        return (lines, total);
    }
}
