using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// The purchase tables (Cleaning/PurchaseTables.cs) of a PostgreSQL run, built on the server: the values of the kept
/// purchase lines are collected where the lines are (every shard in parallel on a cluster), numbered once on the
/// coordinator in byte order (keys equal to DuckDB's, the same on every shard), the keys sent to every shard, and each
/// shard writes its lines with them. Only the keys (one row per customer, product and country) and the integer lines
/// come back into the local store, under the DuckDB run's names and types, with the fingerprint of the local store's
/// cleaning, so recommending reads them instead of <c>clean_lines</c>.
/// </summary>
internal static class PostgresPurchases
{
    /// <summary>The keys made on the coordinator and copied to every shard.</summary>
    private static readonly string[] KeyTables = ["purchase_customers", "purchase_products", "purchase_countries", "purchase_order_keys"];

    /// <summary>Replaces the local purchase tables with the server's. Returns the number of purchase lines that came back.</summary>
    internal static long Build(PostgresOptions postgres, string schema, SegmentaStore store)
    {
        var stages = new PostgresLineStages(postgres, schema);
        using var coordinator = stages.Coordinator();
        stages.WhereTheLinesAre(coordinator, database => database.Execute(SqlScripts.Get("Postgres/purchase_value_parts.sql")));
        coordinator.Execute(SqlScripts.Get("Postgres/purchase_dimensions.sql"));
        var keys = postgres.Shards.Count == 0 ? [] : KeyTables.Select(table => (Table: table, Rows: Export(coordinator, table))).ToList();
        stages.WhereTheLinesAre(coordinator, database =>
        {
            if (!ReferenceEquals(database, coordinator))
            {
                database.Execute(SqlScripts.Get("Postgres/purchase_key_tables.sql"));
                foreach (var (table, rows) in keys)
                {
                    using var copy = database.Connection.BeginRawBinaryCopy($"COPY {table} FROM STDIN (FORMAT BINARY)");
                    copy.Write(rows);
                }
                database.Execute($"ANALYZE {string.Join(", ", KeyTables)}");
            }
            database.Execute(SqlScripts.Get("Postgres/purchase_line_parts.sql"));
        });

        store.Execute(SqlScripts.Get("Postgres/local_purchase_tables.sql"));
        PostgresResults.Copy(coordinator, store, "purchase_customers", orderBy: "customer_key");
        PostgresResults.Copy(coordinator, store, "product_names", orderBy: "stock_code COLLATE \"C\"");
        PostgresResults.Copy(coordinator, store, "purchase_products", orderBy: "product_key");
        PostgresResults.Copy(coordinator, store, "purchase_countries", orderBy: "country_key");
        if (postgres.Shards.Count == 0)
        {
            PostgresResults.Copy(coordinator, store, "purchase_lines", orderBy: null);
        }
        for (var i = 0; i < postgres.Shards.Count; i++)
        {
            using var shard = PostgresDatabase.Open(postgres.Shards[i], PostgresLayout.ShardSchema(schema, i));
            PostgresResults.Copy(shard, store, "purchase_lines", orderBy: null);
        }
        // Made from the local store's cleaning (its lines' count and the cleaning report brought back): current for its readers.
        var fingerprint = store.Scalar<string>(SqlScripts.Get("Cleaning/purchase_fingerprint.sql")) ?? "";
        store.Execute(SqlScripts.Get("Cleaning/purchase_lines_source.sql"), ("f", fingerprint));
        return store.Scalar<long>("SELECT count(*) FROM purchase_lines");
    }

    /// <summary>The rows of <paramref name="table"/> in PostgreSQL's binary COPY format.</summary>
    private static byte[] Export(PostgresDatabase database, string table)
    {
        using var buffer = new MemoryStream();
        using (var copy = database.Connection.BeginRawBinaryCopy($"COPY {table} TO STDOUT (FORMAT BINARY)"))
        {
            copy.CopyTo(buffer);
        }
        return buffer.ToArray();
    }
}
