using System.Globalization;
using Npgsql;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// A <c>--table</c> source that already lives on the run's shards: a table partitioned on the coordinator whose every
/// partition is a postgres_fdw foreign table on one of the <c>--shard</c> servers. Its lines go from the shard that
/// holds them straight to the shard of their distribution key and are numbered there; none crosses the coordinator.
/// <list type="number">
/// <item>Every shard holding a part routes it (<c>INSERT ... SELECT</c>, in parallel) into a table partitioned by hash of
/// the distribution key, as the coordinator's raw_lines is (same type, same modulus: the same remainder), whose own
/// partition is its staging table and whose others are foreign tables on the other shards' staging tables.</item>
/// <item>Every shard counts its lines per key (with or without a customer); the coordinator turns those counts, one row
/// per key, into each key's offset: the lines of every key before it in <see cref="PostgresSource.LineOrder"/>, and
/// routes each offset to its key's shard.</item>
/// <item>Every shard numbers its lines: offset + rank within the key, the number the whole table's <c>row_number()</c>
/// gives (the order's leading columns are the key's), so the lines, their numbers and every outcome are those of the
/// same rows read on one server.</item>
/// </list>
/// </summary>
internal static class ShardedTableSource
{
    /// <summary>One partition of the source: the shard that holds it and its table there.</summary>
    internal sealed record Part(int Shard, string Table);

    /// <summary>
    /// The partitions of <paramref name="table"/> when it is partitioned on the coordinator and every partition is a
    /// postgres_fdw foreign table on one of the run's shards (same host, port and database); else null.
    /// </summary>
    internal static IReadOnlyList<Part>? Find(PostgresDatabase database, PostgresOptions options, string table)
    {
        var rows = database.Query(
            """
            SELECT c.relkind::text, s.srvoptions, ft.ftoptions, pn.nspname, p.relname
            FROM pg_class c
            LEFT JOIN pg_inherits i ON i.inhparent = c.oid
            LEFT JOIN pg_class p ON p.oid = i.inhrelid
            LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
            LEFT JOIN pg_foreign_table ft ON ft.ftrelid = p.oid
            LEFT JOIN pg_foreign_server s ON s.oid = ft.ftserver
            WHERE c.oid = to_regclass(@table)
            """,
            r => (Kind: r.GetString(0), Server: Options(r, 1), Table: Options(r, 2), Schema: r.IsDBNull(3) ? null : r.GetString(3), Name: r.IsDBNull(4) ? null : r.GetString(4)),
            ("table", table));
        if (rows.Count == 0 || rows[0].Kind != "p" || rows.Any(r => r.Server is null || r.Name is null))
        {
            return null;
        }
        var shards = options.Shards.Select(s => new NpgsqlConnectionStringBuilder(s)).ToList();
        var parts = new List<Part>();
        foreach (var row in rows)
        {
            var host = row.Server!.GetValueOrDefault("host", "localhost");
            var port = int.TryParse(row.Server!.GetValueOrDefault("port"), out var p) ? p : 5432;
            var shard = shards.FindIndex(s => string.Equals(s.Host, host, StringComparison.OrdinalIgnoreCase) && s.Port == port
                && string.Equals(s.Database ?? s.Username, row.Server!.GetValueOrDefault("dbname", s.Database ?? s.Username ?? ""), StringComparison.Ordinal));
            if (shard < 0)
            {
                return null;
            }
            var remoteSchema = row.Table!.GetValueOrDefault("schema_name", row.Schema!);
            var remoteTable = row.Table!.GetValueOrDefault("table_name", row.Name!);
            parts.Add(new Part(shard, PostgresDatabase.Quote(remoteSchema) + "." + PostgresDatabase.Quote(remoteTable)));
        }
        return parts;
    }

    /// <summary>
    /// Copies the parts into the shards' raw_lines, numbered as import <paramref name="importId"/>;
    /// <paramref name="mappedRows"/> is the mapped SELECT with <c>{part}</c> for the part's table.
    /// </summary>
    internal static void Copy(PostgresDatabase database, PostgresOptions options, IReadOnlyList<Part> parts, string mappedRows, int importId)
    {
        var count = options.Shards.Count;
        using var shards = PostgresLayout.OpenShards(options, database.Schema);
        var staging = PostgresLayout.Durable(SqlScripts.Get("Postgres/source_lines.sql"), holdsLines: true);
        foreach (var shard in shards)
        {
            shard.Execute(staging);
        }
        var holders = parts.Select(p => p.Shard).Distinct().ToList();
        foreach (var i in holders)
        {
            Route(shards[i], options, database.Schema, i);
        }
        Parallel.ForEach(holders, new ParallelOptions { MaxDegreeOfParallelism = count }, i =>
        {
            foreach (var part in parts.Where(p => p.Shard == i))
            {
                shards[i].Execute($"INSERT INTO source_route ({PostgresSource.MappedColumns}) {mappedRows.Replace("{part}", part.Table, StringComparison.Ordinal)}");
            }
        });
        foreach (var i in holders)
        {
            Unroute(shards[i], database.Schema);
        }
        Number(database, shards, importId);
    }

    /// <summary>
    /// On shard <paramref name="index"/>: source_route, partitioned by hash of the distribution key like the
    /// coordinator's raw_lines, its own staging table as its own remainder's partition, the other shards' through
    /// postgres_fdw servers of this shard (the <c>--shard</c> connection strings' user and password).
    /// </summary>
    private static void Route(PostgresDatabase shard, PostgresOptions options, string schema, int index)
    {
        var count = options.Shards.Count;
        shard.Execute($"CREATE SCHEMA IF NOT EXISTS {PostgresLayout.ExtensionSchema}; CREATE EXTENSION IF NOT EXISTS postgres_fdw SCHEMA {PostgresLayout.ExtensionSchema}");
        shard.Execute(SqlScripts.Get("Postgres/source_route.sql")
            .Replace("{modulus}", count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{remainder}", index.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        for (var i = 0; i < count; i++)
        {
            if (i == index)
            {
                continue;
            }
            var server = PostgresLayout.ServerName(schema, $"route{i + 1}");
            shard.Execute($"DROP SERVER IF EXISTS {server} CASCADE");
            PostgresLayout.CreateServer(shard, server, options.Shards[i]);
            shard.Execute(
                $"CREATE FOREIGN TABLE source_route_p{i} PARTITION OF source_route FOR VALUES WITH (MODULUS {count}, REMAINDER {i}) "
                + $"SERVER {server} OPTIONS (schema_name {PostgresLayout.Literal(PostgresLayout.ShardSchema(schema, i))}, table_name 'source_lines')");
        }
    }

    /// <summary>Detaches the shard's staging table and drops the routing table and its servers.</summary>
    private static void Unroute(PostgresDatabase shard, string schema)
    {
        shard.Execute("ALTER TABLE source_route DETACH PARTITION source_lines; DROP TABLE source_route");
        var servers = shard.Query("SELECT srvname FROM pg_foreign_server WHERE srvname LIKE @prefix", r => r.GetString(0), ("prefix", schema.Replace("_", "\\_", StringComparison.Ordinal) + "\\_route%"));
        foreach (var server in servers)
        {
            shard.Execute($"DROP SERVER IF EXISTS {PostgresDatabase.Quote(server)} CASCADE");
        }
    }

    /// <summary>
    /// Counts per key on the shards, the offsets on the coordinator (one row per key), each routed to its key's shard,
    /// then every shard's numbered lines into its raw_lines.
    /// </summary>
    private static void Number(PostgresDatabase database, IReadOnlyList<PostgresDatabase> shards, int importId)
    {
        var count = shards.Count;
        var counts = PostgresLayout.Durable(SqlScripts.Get("Postgres/line_key_counts.sql"), holdsLines: true);
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, i => shards[i].Execute(counts));
        var partitions = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var server = PostgresLayout.ServerName(database.Schema, $"shard{i + 1}");
            var remote = PostgresLayout.Literal(PostgresLayout.ShardSchema(database.Schema, i));
            database.Execute(
                $"DROP FOREIGN TABLE IF EXISTS line_key_counts_p{i}; "
                + $"CREATE FOREIGN TABLE line_key_counts_p{i} (anonymous BOOLEAN, distribution_key TEXT, lines BIGINT) SERVER {server} OPTIONS (schema_name {remote}, table_name 'line_key_counts')");
            partitions.Add($"CREATE FOREIGN TABLE line_key_offsets_p{i} PARTITION OF line_key_offsets FOR VALUES WITH (MODULUS {count}, REMAINDER {i}) "
                + $"SERVER {server} OPTIONS (schema_name {remote}, table_name 'line_key_offsets');");
        }
        database.Execute(SqlScripts.Get("Postgres/line_key_offsets.sql")
            .Replace("{partitions}", string.Join("\n", partitions), StringComparison.Ordinal)
            .Replace("{counts}", string.Join(" UNION ALL ", Enumerable.Range(0, count).Select(i => $"SELECT * FROM line_key_counts_p{i}")), StringComparison.Ordinal));
        database.Execute(string.Concat(Enumerable.Range(0, count).Select(i => $"DROP FOREIGN TABLE line_key_counts_p{i}; ")));
        var numbered = SqlScripts.Get("Postgres/numbered_source_lines.sql")
            .Replace("{import}", importId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{order}", PostgresSource.LineOrder.Replace("customer_id", "s.customer_id", StringComparison.Ordinal).Replace("distribution_key", "s.distribution_key", StringComparison.Ordinal), StringComparison.Ordinal);
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, i => shards[i].Execute(numbered));
    }

    /// <summary>A catalog's <c>name=value</c> options as a dictionary (null when the column is NULL).</summary>
    private static Dictionary<string, string>? Options(System.Data.Common.DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null
            : ((string[])reader.GetValue(column)).Select(o => o.Split('=', 2)).ToDictionary(o => o[0], o => o.Length > 1 ? o[1] : "", StringComparer.Ordinal);
}
