using Segmenta.Exploration;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// The exploration on PostgreSQL: everything that reads lines runs where the lines are (on one server, or on every
/// shard of a cluster in parallel, Postgres/exploration_parts.sql), the sums are regrouped on the server into the
/// exploration's inputs (one row per order, product, price point; Postgres/exploration_inputs.sql) and the top products
/// ranked there (Exploration/exploration_top_products.postgres.sql). Only those aggregates come back; the rest of the
/// exploration (months, years, countries, customers, cohorts, Pareto, price bands, data quality) runs on them locally
/// with DuckDB's own scripts, so the tables are those of a DuckDB run.
/// </summary>
internal static class PostgresExplorer
{
    /// <summary>The local tables brought back from the server, in the order of their keys, and the scripts of <see cref="Explorer"/> they stand for.</summary>
    private static readonly (string Table, string OrderBy)[] BroughtBack =
    [
        ("exploration_orders", "order_id, invoice_date"),
        ("exploration_product_stats", "stock_code"),
        ("exploration_price_points", "unit_price, stock_code"),
        ("exploration_top_products", "ranking, rank"),
    ];

    internal static ExplorationResult Run(PostgresDatabase database, PostgresOptions postgres, SegmentaStore store, ExplorationOptions options)
    {
        options.Validate();
        var parts = SqlScripts.Get("Postgres/exploration_parts.sql");
        if (postgres.Shards.Count == 0)
        {
            database.Execute(parts);
        }
        else
        {
            Parallel.For(0, postgres.Shards.Count, new ParallelOptions { MaxDegreeOfParallelism = postgres.Shards.Count }, i =>
            {
                using var shard = PostgresDatabase.Open(postgres.Shards[i], PostgresLayout.ShardSchema(database.Schema, i));
                shard.Execute(parts);
            });
        }
        database.Execute($"SET segmenta.top_products = '{options.TopProducts}'");
        database.Execute(SqlScripts.Get("Postgres/exploration_inputs.sql"));
        database.Execute(SqlDialect.Postgres.Script("Exploration/exploration_top_products.sql"));
        store.Execute(SqlScripts.Get("Postgres/local_exploration_tables.sql"));
        foreach (var (table, orderBy) in BroughtBack)
        {
            PostgresResults.Copy(database, store, table, orderBy);
        }
        return Explorer.Run(store, options, BroughtBack.Select(b => b.Table).ToHashSet());
    }
}
