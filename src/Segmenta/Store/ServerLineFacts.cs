namespace Segmenta.Store;

/// <summary>
/// The facts about the lines that a PostgreSQL run brings back in the one-row table line_facts (written by
/// Postgres/LineFacts.cs) when the lines stay on the server: the loaded lines and those without an amount, the kept
/// period and the distinct products. Readers ask <see cref="Elsewhere"/> first: a store whose cleaned lines are local (a
/// DuckDB run made the view clean_lines) reads its lines, as before. Kept here, beside the store, because stages upstream
/// of the PostgreSQL engine (Loading, Exploration) read these facts too.
/// </summary>
internal static class ServerLineFacts
{
    /// <summary>True when the store's lines were cleaned on a server: no local clean_lines, and the server's facts.</summary>
    internal static bool Elsewhere(SegmentaStore store) => !store.HasTable("clean_lines") && store.HasTable("line_facts");

    /// <summary>The loaded lines and those without an amount, as the server counted them.</summary>
    internal static (long Lines, long WithoutAmount) Amounts(SegmentaStore store) =>
        store.Query("SELECT lines_loaded, lines_without_amount FROM line_facts", r => (r.GetInt64(0), r.GetInt64(1)))[0];

    /// <summary>The first and last kept invoice date; nulls without kept lines.</summary>
    internal static (DateTime? First, DateTime? Last) KeptDates(SegmentaStore store) =>
        store.Query("SELECT first_date, last_date FROM line_facts",
            r => (r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0), r.IsDBNull(1) ? (DateTime?)null : r.GetDateTime(1)))[0];

    /// <summary>The distinct products of the kept lines.</summary>
    internal static long KeptProducts(SegmentaStore store) => store.Scalar<long>("SELECT products FROM line_facts");

}
