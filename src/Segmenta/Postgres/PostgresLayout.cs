using Npgsql;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Creates the line tables on the server: plain tables on one server; on a cluster, tables hash-partitioned by
/// customer id (raw_lines by its distribution key: the customer, else the invoice) whose partitions are postgres_fdw
/// foreign tables on the shards (async_capable, so the shards scan in parallel), with partitionwise aggregation and
/// joins enabled so that a GROUP BY customer_id runs on the shards.
/// </summary>
internal static class PostgresLayout
{
    internal static readonly string[] LineTables = ["raw_lines", "clean_lines"];

    /// <summary>The cleaning's tables with a customer: partitioned by it on a cluster, like the lines.</summary>
    private static readonly string[] CustomerTables = ["returns", "refunds", "customer_cancellations"];

    /// <summary>
    /// The per-shard sums of the exploration (Postgres/exploration_parts.sql), categories and profiles and their columns:
    /// on a cluster, the union of every shard's, which the coordinator regroups (Postgres/exploration_inputs.sql, ...).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ExplorationParts = new Dictionary<string, string>
    {
        ["exploration_order_parts"] = "order_id TEXT, invoice_date TIMESTAMP, customer_id TEXT, country TEXT, month DATE, revenue NUMERIC, quantity NUMERIC, lines BIGINT",
        ["exploration_product_parts"] = "stock_code TEXT, quantity NUMERIC, revenue NUMERIC, customers BIGINT, lines BIGINT",
        ["exploration_price_parts"] = "unit_price NUMERIC(18,4), stock_code TEXT, lines BIGINT, quantity NUMERIC, revenue NUMERIC",
        ["exploration_returned_parts"] = "stock_code TEXT, matched BOOLEAN, returned_quantity NUMERIC, returned_lines BIGINT, returned_value NUMERIC",
        // The categories', profiles' and preferences' per-shard sums (Postgres/PostgresLineStages.cs).
        ["category_text_parts"] = "stock_code TEXT, description TEXT, category TEXT, n BIGINT",
        ["category_sold_parts"] = "category TEXT, lines BIGINT, quantity NUMERIC, revenue NUMERIC, customers BIGINT",
        ["category_returned_parts"] = "category TEXT, matched BOOLEAN, returned_quantity NUMERIC, returned_value NUMERIC",
        ["segment_product_parts"] = "segmentation TEXT, segment_id INTEGER, stock_code TEXT, units NUMERIC, revenue NUMERIC, buyers BIGINT",
        ["segment_category_parts"] = "segmentation TEXT, segment_id INTEGER, category TEXT, spend NUMERIC, buyers BIGINT, top_buyer_spend NUMERIC",
        ["purchase_value_parts"] = "kind TEXT, value TEXT, description TEXT, lines BIGINT",
        // The facts about the lines: the report's overview and the single-value checks (Postgres/LineFacts.cs).
        ["line_fact_parts"] = "lines_loaded BIGINT, lines_without_amount BIGINT, first_date TIMESTAMP, last_date TIMESTAMP, revenue NUMERIC, lines BIGINT, customers BIGINT",
        ["line_fact_value_parts"] = "kind TEXT, value TEXT, lines BIGINT",
        // Every customer's predictions under the fitted lifetime models, computed where its lines are (Postgres/PostgresLifetime.cs).
        ["customer_lifetime"] = "customer_id TEXT, p_alive DOUBLE PRECISION, expected_spend DOUBLE PRECISION, p_no_purchase DOUBLE PRECISION, churn_risk TEXT",
        ["customer_lifetime_horizons"] = "customer_id TEXT, horizon_days INTEGER, expected_purchases DOUBLE PRECISION, clv DOUBLE PRECISION",
    };

    /// <summary>The cleaning's tables without a customer, and the exploration's parts: on a cluster, the union of every shard's.</summary>
    private static readonly string[] UnionTables = ["line_outcomes", "cleaning_rule_totals", "cleaning_money_totals", .. ExplorationParts.Keys];

    /// <summary>The coordinator's schema of the postgres_fdw extension, shared by every run and dropped by none.</summary>
    internal const string ExtensionSchema = "segmenta_extensions";

    /// <summary>The schema postgres_fdw is in.</summary>
    internal const string ExtensionSchemaQuery = "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgres_fdw'";

    /// <summary>The schema on shard <paramref name="index"/> (0-based) that holds its partition of every table, under the tables' own names.</summary>
    internal static string ShardSchema(string schema, int index) => $"{schema}_p{index}";

    /// <summary>A connection to every shard of the run, each in its own schema (<see cref="ShardSchema"/>), in shard order.</summary>
    internal static ShardConnections OpenShards(PostgresOptions options, string schema) =>
        new([.. options.Shards.Select((shard, i) => PostgresDatabase.Open(shard, ShardSchema(schema, i)))]);

    /// <summary>The run's shards, one open connection each, closed together.</summary>
    internal sealed class ShardConnections(IList<PostgresDatabase> shards) : System.Collections.ObjectModel.ReadOnlyCollection<PostgresDatabase>(shards), IDisposable
    {
        public void Dispose()
        {
            foreach (var shard in this)
            {
                shard.Dispose();
            }
        }
    }

    internal static void Create(PostgresDatabase database, PostgresOptions options)
    {
        // A schema used by the other layout before holds views where this one makes tables, or the reverse.
        foreach (var name in UnionTables.Concat(CustomerTables))
        {
            Drop(database, name);
        }
        var sql = SqlScripts.Get("Postgres/line_tables.sql");
        if (options.Shards.Count == 0)
        {
            database.Execute(Durable(sql, holdsLines: true).Replace("{line_partitioning}", "", StringComparison.Ordinal).Replace("{customer_partitioning}", "", StringComparison.Ordinal));
            return;
        }
        // In a schema of its own: created in the run's schema (first on the search path), the extension, and with it
        // every run's shard servers, went away when that one run's schema was dropped. One an earlier version created
        // in a run's schema is moved.
        database.Execute($"CREATE SCHEMA IF NOT EXISTS {ExtensionSchema}; CREATE EXTENSION IF NOT EXISTS postgres_fdw SCHEMA {ExtensionSchema}");
        if (database.Scalar<string>(ExtensionSchemaQuery) != ExtensionSchema)
        {
            database.Execute($"ALTER EXTENSION postgres_fdw SET SCHEMA {ExtensionSchema}");
        }
        // The coordinator's partitioned tables hold no row (PostgreSQL 15 ignores UNLOGGED on them; 18 refuses it): the
        // shards' tables behind the partitions are the ones created unlogged.
        database.Execute(Durable(sql, holdsLines: false)
            .Replace("{line_partitioning}", "PARTITION BY HASH (distribution_key)", StringComparison.Ordinal)
            .Replace("{customer_partitioning}", "PARTITION BY HASH (customer_id)", StringComparison.Ordinal));
        database.Execute(SqlScripts.Get("Postgres/cluster_tables.sql"));
        for (var i = 0; i < options.Shards.Count; i++)
        {
            var server = ServerName(database.Schema, $"shard{i + 1}");
            var remoteSchema = ShardSchema(database.Schema, i);
            using (var remote = PostgresDatabase.Open(options.Shards[i], remoteSchema))
            {
                foreach (var table in LineTables)
                {
                    remote.Execute($"DROP TABLE IF EXISTS {table} CASCADE");
                    remote.Execute($"CREATE {Unlogged} TABLE {table} ({Columns(database, table)})");
                }
            }
            database.Execute($"DROP SERVER IF EXISTS {server} CASCADE");
            CreateServer(database, server, options.Shards[i]);
            foreach (var table in LineTables.Concat(CustomerTables))
            {
                database.Execute(
                    $"CREATE FOREIGN TABLE {table}_p{i} PARTITION OF {table} FOR VALUES WITH (MODULUS {options.Shards.Count}, REMAINDER {i}) "
                    + $"SERVER {server} OPTIONS (schema_name {Literal(remoteSchema)}, table_name '{table}')");
            }
            database.Execute(
                $"""
                CREATE FOREIGN TABLE line_outcomes_p{i} (import_id INTEGER, line_number BIGINT, rule TEXT)
                    SERVER {server} OPTIONS (schema_name {Literal(remoteSchema)}, table_name 'line_outcomes');
                CREATE FOREIGN TABLE cleaning_rule_totals_p{i} (rule TEXT, lines BIGINT, revenue NUMERIC, amount_lines BIGINT)
                    SERVER {server} OPTIONS (schema_name {Literal(remoteSchema)}, table_name 'cleaning_rule_totals');
                CREATE FOREIGN TABLE cleaning_money_totals_p{i} (sales_of_kept_lines NUMERIC, returns NUMERIC, refunds NUMERIC,
                    refunds_without_purchase NUMERIC, refund_lines_without_purchase BIGINT, free_only_customers BIGINT)
                    SERVER {server} OPTIONS (schema_name {Literal(remoteSchema)}, table_name 'cleaning_money_totals');
                """);
            foreach (var (table, columns) in ExplorationParts)
            {
                database.Execute($"CREATE FOREIGN TABLE {table}_p{i} ({columns}) SERVER {server} OPTIONS (schema_name {Literal(remoteSchema)}, table_name '{table}')");
            }
        }
        foreach (var table in UnionTables)
        {
            database.Execute($"CREATE VIEW {table} AS {string.Join(" UNION ALL ", Enumerable.Range(0, options.Shards.Count).Select(i => $"SELECT * FROM {table}_p{i}"))}");
        }
    }

    /// <summary>The quoted name of a postgres_fdw server of the run's schema (<c>shard1</c>: the coordinator's first shard).</summary>
    internal static string ServerName(string schema, string suffix) => PostgresDatabase.Quote($"{schema}_{suffix}");

    /// <summary>
    /// Creates, on <paramref name="database"/>, the postgres_fdw server <paramref name="server"/> for the server of
    /// <paramref name="connectionString"/> (async, 10,000 rows a fetch, INSERTs in batches of 1,000, remote estimates) and
    /// the current user's mapping with that connection's user and password.
    /// </summary>
    internal static void CreateServer(PostgresDatabase database, string server, string connectionString)
    {
        var shard = new NpgsqlConnectionStringBuilder(connectionString);
        database.Execute(
            $"CREATE SERVER {server} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host @host, port @port, dbname @db, async_capable 'true', fetch_size '10000', batch_size '1000', use_remote_estimate 'true')"
                .Replace("@host", Literal(shard.Host ?? "127.0.0.1"), StringComparison.Ordinal)
                .Replace("@port", Literal(shard.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), StringComparison.Ordinal)
                .Replace("@db", Literal(shard.Database ?? "postgres"), StringComparison.Ordinal));
        var password = string.IsNullOrEmpty(shard.Password) ? "" : $", password {Literal(shard.Password)}";
        database.Execute($"CREATE USER MAPPING FOR CURRENT_USER SERVER {server} OPTIONS (user {Literal(shard.Username ?? Environment.UserName)}{password})");
    }

    /// <summary>
    /// The line-level tables Segmenta derives where the lines are (raw_lines, clean_lines, line_outcomes, returns,
    /// refunds, customer_cancellations, purchase_lines, lifetime_customers, and the run's token beside them) are
    /// <c>UNLOGGED</c>: written once, not once more to the write-ahead log. A server that crashes empties them (a clean
    /// shutdown keeps them) and a standby does not receive them; a re-run on the run's database then says the schema
    /// holds no run, and analyze re-creates them from the source. The results other tools join (customers,
    /// customer_features, customer_segments, customer_assignments, customer_lifetime) stay logged. docs/postgres.md,
    /// "Lines spread by a distribution key; unlogged line tables"; decision 82.
    /// </summary>
    internal const string Unlogged = "UNLOGGED";

    /// <summary><paramref name="sql"/> with its <c>{unlogged}</c> marks replaced: <see cref="Unlogged"/> on a server that holds lines, else nothing.</summary>
    internal static string Durable(string sql, bool holdsLines) => sql.Replace("{unlogged}", holdsLines ? Unlogged : "", StringComparison.Ordinal);

    /// <summary>Drops <paramref name="name"/> of the work schema, whether it is a table, a view or a foreign table.</summary>
    private static void Drop(PostgresDatabase database, string name)
    {
        var kind = database.Scalar<string>(
            "SELECT c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relname = @name",
            ("schema", database.Schema), ("name", name));
        var what = kind switch
        {
            "v" => "VIEW",
            "f" => "FOREIGN TABLE",
            null => null,
            _ => "TABLE",
        };
        if (what is not null)
        {
            database.Execute($"DROP {what} IF EXISTS {PostgresDatabase.Quote(name)} CASCADE");
        }
    }

    /// <summary>Per-session planner settings: aggregate and join per partition (on the shards) rather than over the whole table.</summary>
    internal static void PlanPerPartition(PostgresDatabase database) =>
        database.Execute("SET enable_partitionwise_aggregate = on; SET enable_partitionwise_join = on");

    /// <summary>
    /// Refreshes the planner's statistics of <paramref name="table"/> where its rows are: on one server the table, on a
    /// cluster the table behind every shard's partition, on the shards in parallel (each samples its own rows). The
    /// coordinator does not analyse its foreign partitions: postgres_fdw of PostgreSQL 15 samples a foreign table by
    /// fetching all its rows (10M lines and then 7.5M kept lines crossed for it at 10M, 105 s of a 1,032 s run); it
    /// asks the shards for their estimates instead (<c>use_remote_estimate</c> on the shard servers), which come from
    /// these statistics.
    /// </summary>
    internal static void Analyze(PostgresDatabase database, PostgresOptions options, string table)
    {
        if (options.Shards.Count == 0)
        {
            database.Execute($"ANALYZE {table}");
            return;
        }
        Parallel.For(0, options.Shards.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Shards.Count }, i =>
        {
            using var shard = PostgresDatabase.Open(options.Shards[i], ShardSchema(database.Schema, i));
            shard.Execute($"ANALYZE {table}");
        });
    }

    /// <summary>
    /// <paramref name="select"/> (an aggregate over <c>{table}</c>, without GROUP BY) once per partition of
    /// <paramref name="table"/>, as a UNION ALL to be combined by the caller (a sum of counts, a max of maxima); once over
    /// the table itself on one server. PostgreSQL 15 pushes no aggregate without GROUP BY over a partitioned table down
    /// to its foreign partitions (that needs partial aggregates on the shards), so <c>max(invoice_date) FROM
    /// clean_lines</c> fetched every line's date to the coordinator (29 s at 10M); over one foreign partition the
    /// aggregate is sent to its shard whole and one row comes back.
    /// </summary>
    internal static string EachPart(PostgresDatabase database, string table, string select)
    {
        var parts = database.Query(
            """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = to_regclass(@table) ORDER BY c.relname
            """, r => r.GetString(0), ("table", PostgresDatabase.Quote(database.Schema) + "." + table));
        return string.Join(" UNION ALL ", (parts.Count == 0 ? [table] : parts).Select(part => select.Replace("{table}", PostgresDatabase.Quote(part), StringComparison.Ordinal)));
    }

    private static string Columns(PostgresDatabase database, string table) => string.Join(", ", database.Query(
        """
        SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
        FROM pg_attribute a
        WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """, r => r.GetString(0), ("table", PostgresDatabase.Quote(database.Schema) + "." + table)));

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
