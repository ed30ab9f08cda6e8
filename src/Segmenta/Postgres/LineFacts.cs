using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// What the report's overview and the single-value checks know of the lines when the lines stay on a PostgreSQL server:
/// the loaded lines and those without an amount, the first and last kept invoice date, the kept revenue and the distinct
/// orders, customers, products and countries with the main country. The server computes them where the lines are
/// (Postgres/line_fact_parts.sql on every shard, Postgres/line_facts.sql on the coordinator) and one row comes back to
/// the local table line_facts, which the stages read through <see cref="ServerLineFacts"/> (in Store, so that stages
/// upstream of this engine, Loading and Exploration, can read it too).
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

    /// <summary>The query of the report's overview for <paramref name="store"/>: Reporting/overview.sql over local lines, else over the facts.</summary>
    internal static string OverviewQuery(SegmentaStore store) =>
        SqlScripts.Get(ServerLineFacts.Elsewhere(store) ? "Postgres/local_overview.sql" : "Reporting/overview.sql");
}
