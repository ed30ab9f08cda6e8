using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// What the report's overview and the single-value checks know of the lines when the lines stay on a PostgreSQL server:
/// the loaded lines and those without an amount, the first and last kept invoice date, the kept revenue and the distinct
/// orders, customers, products and countries with the main country. The server computes them where the lines are
/// (Postgres/line_fact_parts.sql on every shard, Postgres/line_facts.sql on the coordinator) and one row comes back to
/// the local table line_facts. Readers ask <see cref="Elsewhere"/> first: a store whose cleaned lines are local (a
/// DuckDB run made the view clean_lines) reads its lines, as before.
/// </summary>
internal static class LineFacts
{
    /// <summary>
    /// Computes the facts where the lines are and replaces the store's line_facts with them (dropping the store's stale
    /// line outcomes); returns the kept lines the server counted.
    /// </summary>
    internal static long Compute(PostgresOptions postgres, string schema, SegmentaStore store)
    {
        var stages = new PostgresLineStages(postgres, schema);
        using var coordinator = stages.Coordinator();
        stages.WhereTheLinesAre(coordinator, database => database.Execute(SqlScripts.Get("Postgres/line_fact_parts.sql")));
        coordinator.Execute(SqlScripts.Get("Postgres/line_facts.sql"));
        store.Execute(SqlScripts.Get("Postgres/local_line_facts.sql"));
        PostgresResults.Copy(coordinator, store, "line_facts", orderBy: null);
        return store.Scalar<long>("SELECT kept_lines FROM line_facts");
    }

    /// <summary>True when the store's lines were cleaned on a server: no local clean_lines, and the server's facts.</summary>
    internal static bool Elsewhere(SegmentaStore store) => !store.HasTable("clean_lines") && store.HasTable("line_facts");

    /// <summary>
    /// Fails, saying what to do, when <paramref name="command"/> (which reads the cleaned lines again) is given a store
    /// whose lines stayed on a PostgreSQL server. segmenta recommend and segmenta report work on such a store.
    /// </summary>
    /// <exception cref="SegmentaException">The store's lines are on a server.</exception>
    internal static void RequireLocal(SegmentaStore store, string path, string command)
    {
        if (Elsewhere(store))
        {
            throw new SegmentaException($"The lines of {path} were cleaned on PostgreSQL and stay there, and segmenta {command} reads them again: run segmenta analyze --engine postgres "
                + "with the options you want instead (segmenta recommend and segmenta report do work on this database).");
        }
    }

    /// <summary>The loaded lines and those without an amount, as the server counted them.</summary>
    internal static (long Lines, long WithoutAmount) Amounts(SegmentaStore store) =>
        store.Query("SELECT lines_loaded, lines_without_amount FROM line_facts", r => (r.GetInt64(0), r.GetInt64(1)))[0];

    /// <summary>The first and last kept invoice date; nulls without kept lines.</summary>
    internal static (DateTime? First, DateTime? Last) KeptDates(SegmentaStore store) =>
        store.Query("SELECT first_date, last_date FROM line_facts",
            r => (r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0), r.IsDBNull(1) ? (DateTime?)null : r.GetDateTime(1)))[0];

    /// <summary>The distinct products of the kept lines.</summary>
    internal static long KeptProducts(SegmentaStore store) => store.Scalar<long>("SELECT products FROM line_facts");

    /// <summary>The query of the report's overview for <paramref name="store"/>: Reporting/overview.sql over local lines, else over the facts.</summary>
    internal static string OverviewQuery(SegmentaStore store) =>
        SqlScripts.Get(Elsewhere(store) ? "Postgres/local_overview.sql" : "Reporting/overview.sql");
}
