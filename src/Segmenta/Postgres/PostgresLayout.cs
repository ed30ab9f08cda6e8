using Npgsql;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Creates the line tables on the server: plain tables on one server; on a cluster, tables hash-partitioned by
/// customer id whose partitions are postgres_fdw foreign tables on the shards (async_capable, so the shards scan in
/// parallel), with partitionwise aggregation and joins enabled so that a GROUP BY customer_id runs on the shards.
/// </summary>
internal static class PostgresLayout
{
    internal static readonly string[] LineTables = ["raw_lines", "clean_lines"];

    internal static void Create(PostgresDatabase database, PostgresOptions options)
    {
        var sql = SqlScripts.Get("Postgres/line_tables.sql");
        if (options.Shards.Count == 0)
        {
            database.Execute(sql.Replace("{partitioning}", "", StringComparison.Ordinal));
            return;
        }
        database.Execute("CREATE EXTENSION IF NOT EXISTS postgres_fdw");
        database.Execute(sql.Replace("{partitioning}", "PARTITION BY HASH (customer_id)", StringComparison.Ordinal));
        for (var i = 0; i < options.Shards.Count; i++)
        {
            var shard = new NpgsqlConnectionStringBuilder(options.Shards[i]);
            var server = PostgresDatabase.Quote($"{database.Schema}_shard{i + 1}");
            using (var remote = PostgresDatabase.Open(options.Shards[i], database.Schema))
            {
                foreach (var table in LineTables)
                {
                    remote.Execute($"DROP TABLE IF EXISTS {table}_p{i}");
                    remote.Execute($"CREATE TABLE {table}_p{i} ({Columns(database, table)})");
                }
            }
            database.Execute($"DROP SERVER IF EXISTS {server} CASCADE");
            database.Execute(
                $"CREATE SERVER {server} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host @host, port @port, dbname @db, async_capable 'true', fetch_size '10000', batch_size '1000')"
                    .Replace("@host", Literal(shard.Host ?? "127.0.0.1"), StringComparison.Ordinal)
                    .Replace("@port", Literal(shard.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), StringComparison.Ordinal)
                    .Replace("@db", Literal(shard.Database ?? "postgres"), StringComparison.Ordinal));
            var password = string.IsNullOrEmpty(shard.Password) ? "" : $", password {Literal(shard.Password)}";
            database.Execute($"CREATE USER MAPPING FOR CURRENT_USER SERVER {server} OPTIONS (user {Literal(shard.Username ?? Environment.UserName)}{password})");
            foreach (var table in LineTables)
            {
                database.Execute(
                    $"CREATE FOREIGN TABLE {table}_p{i} PARTITION OF {table} FOR VALUES WITH (MODULUS {options.Shards.Count}, REMAINDER {i}) "
                    + $"SERVER {server} OPTIONS (schema_name {Literal(database.Schema)}, table_name '{table}_p{i}')");
            }
        }
    }

    /// <summary>Per-session planner settings: aggregate and join per partition (on the shards) rather than over the whole table.</summary>
    internal static void PlanPerPartition(PostgresDatabase database) =>
        database.Execute("SET enable_partitionwise_aggregate = on; SET enable_partitionwise_join = on");

    /// <summary>Refreshes the planner's statistics of the foreign partitions (postgres_fdw samples the shards).</summary>
    internal static void Analyze(PostgresDatabase database, PostgresOptions options, string table)
    {
        database.Execute($"ANALYZE {table}");
        for (var i = 0; i < options.Shards.Count; i++)
        {
            database.Execute($"ANALYZE {table}_p{i}");
        }
    }

    private static string Columns(PostgresDatabase database, string table) => string.Join(", ", database.Query(
        """
        SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
        FROM pg_attribute a
        WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """, r => r.GetString(0), ("table", PostgresDatabase.Quote(database.Schema) + "." + table)));

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
