using Npgsql;
using NpgsqlTypes;
using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Fills the server's raw_lines: from the lines a file import left in the local store (the same importer, detection
/// and quarantine as a DuckDB run, then one binary COPY), or from an existing table read in place, its columns mapped
/// to roles like a file's header (<c>--map role=column</c>, else the usual names).
/// </summary>
internal static class PostgresSource
{
    private const string LineColumns = "import_id, line_number, invoice, stock_code, description, quantity, invoice_date, unit_price, amount, customer_id, country, category";

    /// <summary>
    /// Where a line lives on a cluster (raw_lines' <c>distribution_key</c>, its hash partitioning key): the customer, so
    /// that a customer's raw lines hash like its clean lines (partitioned by customer_id: the same text, the same hash);
    /// a line without a customer, which no rule compares with another, by its invoice, else in one of 64 groups of line
    /// numbers. Until session 13 the key was the customer alone and every line without one (a NULL key) went to the
    /// partition of remainder 0: 6.1M of 10M generated lines on the first shard. The same expression in DuckDB and
    /// PostgreSQL (the same text for the same line).
    /// </summary>
    internal const string DistributionKey = "coalesce(customer_id, invoice, CAST(line_number % 64 AS TEXT))";

    private const string CopiedColumns = LineColumns + ", distribution_key";

    /// <summary>
    /// Copies every line of the local store to the server; returns how many. On a cluster each line goes straight to the
    /// shard that holds its customer, by one binary COPY per shard into the table behind that shard's foreign partition,
    /// all shards fed in one pass. Routed by the coordinator instead (COPY or INSERT into the partitioned table),
    /// PostgreSQL 15 sends rows to foreign partitions one at a time (COPY) or in postgres_fdw batches of parameterised
    /// INSERTs, after writing them once on the coordinator (docs/benchmarks.md, session 11).
    /// </summary>
    internal static long CopyFromStore(SegmentaStore store, PostgresDatabase database, PostgresOptions options)
    {
        if (options.Shards.Count == 0)
        {
            return Copy(store, [database.Connection], _ => 0, "raw_lines");
        }
        var shardOf = ShardsOfKeys(store, database, options.Shards.Count);
        var shards = options.Shards.Select((shard, i) => PostgresDatabase.Open(shard, PostgresLayout.ShardSchema(database.Schema, i))).ToList();
        try
        {
            return Copy(store, [.. shards.Select(s => s.Connection)], key => shardOf[key], "raw_lines");
        }
        finally
        {
            shards.ForEach(s => s.Dispose());
        }
    }

    /// <summary>
    /// The shard (partition remainder) of every distribution key of the local lines (<see cref="DistributionKey"/>), as
    /// the coordinator's hash partitioning of raw_lines places it (<c>satisfies_hash_partition</c>: PostgreSQL's own
    /// hash of the key, whatever its version), asked once per distinct key.
    /// </summary>
    private static Dictionary<string, int> ShardsOfKeys(SegmentaStore store, PostgresDatabase database, int shards)
    {
        var keys = store.Query($"SELECT DISTINCT {DistributionKey} FROM raw_lines", r => r.GetString(0));
        var placed = database.Query(
            """
            SELECT k, r
            FROM unnest(@keys::text[]) k
            CROSS JOIN generate_series(0, @shards - 1) r
            WHERE satisfies_hash_partition('raw_lines'::regclass, @shards, r, k)
            """, r => (Key: r.GetString(0), Shard: r.GetInt32(1)), ("keys", keys.ToArray()), ("shards", shards));
        var shardOf = placed.ToDictionary(p => p.Key, p => p.Shard, StringComparer.Ordinal);
        if (shardOf.Count != keys.Count)
        {
            throw new SegmentaException($"{keys.Count:N0} distribution keys of the lines were placed on {shardOf.Count:N0} shards: a key is on no partition.");
        }
        return shardOf;
    }

    /// <summary>The lines in (import, line) order, each to the connection <paramref name="target"/> gives for its distribution key, one binary COPY per connection.</summary>
    private static long Copy(SegmentaStore store, IReadOnlyList<NpgsqlConnection> connections, Func<string, int> target, string table)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"SELECT {LineColumns}, {DistributionKey} FROM raw_lines ORDER BY import_id, line_number";
        using var reader = command.ExecuteReader();
        var writers = connections.Select(c => c.BeginBinaryImport($"COPY {table} ({CopiedColumns}) FROM STDIN (FORMAT BINARY)")).ToList();
        try
        {
            long rows = 0;
            while (reader.Read())
            {
                var key = reader.GetString(12);
                var writer = writers[target(key)];
                writer.StartRow();
                writer.Write(reader.GetInt32(0), NpgsqlDbType.Integer);
                writer.Write(reader.GetInt64(1), NpgsqlDbType.Bigint);
                WriteText(writer, reader, 2);
                WriteText(writer, reader, 3);
                WriteText(writer, reader, 4);
                WriteDecimal(writer, reader, 5);
                writer.Write(reader.GetDateTime(6), NpgsqlDbType.Timestamp);
                WriteDecimal(writer, reader, 7);
                WriteDecimal(writer, reader, 8);
                WriteText(writer, reader, 9);
                WriteText(writer, reader, 10);
                WriteText(writer, reader, 11);
                writer.Write(key, NpgsqlDbType.Text);
                rows++;
            }
            writers.ForEach(w => w.Complete());
            return rows;
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }
    }

    /// <summary>
    /// Reads <paramref name="table"/> into raw_lines as import <paramref name="importId"/>. Lines are numbered in the
    /// order of their content, so the same rows in any physical order give the same numbers (and the same results).
    /// Returns the mapping used.
    /// </summary>
    internal static ColumnMapping CopyFromTable(PostgresDatabase database, string table, IReadOnlyDictionary<ColumnRole, string> overrides, int importId)
    {
        var header = database.Query(
            """
            SELECT a.attname FROM pg_attribute a
            WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, r => r.GetString(0), ("table", table));
        if (header.Count == 0)
        {
            throw new InvalidOptionException("Postgres.Table", $"no table or view '{SafeText.Clip(table, 80)}' on the server (search path: {database.Schema}, public). Give it as schema.table.");
        }
        var mapping = ColumnMapper.Map(header, overrides);
        string Column(ColumnRole role) => PostgresDatabase.Quote(header[mapping.IndexOf(role)]);
        string Text(ColumnRole role) => mapping.Has(role) ? $"nullif(btrim({Column(role)}::text), '')" : "NULL::text";
        string Number(ColumnRole role) => mapping.Has(role) ? $"round({Column(role)}::numeric, 4)" : "NULL::numeric";
        var quantity = Number(ColumnRole.Quantity);
        var price = Number(ColumnRole.UnitPrice);
        // As a file's lines: the amount is the line total, else quantity x price; a missing price is total / quantity.
        var amount = mapping.Has(ColumnRole.LineTotal) ? Number(ColumnRole.LineTotal)
            : mapping.Has(ColumnRole.Quantity) && mapping.Has(ColumnRole.UnitPrice) ? $"round({quantity} * {price}, 4)" : "NULL::numeric";
        var unitPrice = mapping.Has(ColumnRole.UnitPrice) ? price
            : mapping.Has(ColumnRole.LineTotal) && mapping.Has(ColumnRole.Quantity) ? $"round({amount} / nullif({quantity}, 0), 4)" : "NULL::numeric";
        database.Execute(
            $"""
            INSERT INTO raw_lines ({CopiedColumns})
            SELECT {LineColumns}, {DistributionKey}
            FROM (
            SELECT @import AS import_id,
                   row_number() OVER (ORDER BY customer_id COLLATE "C", invoice_date, invoice COLLATE "C", stock_code COLLATE "C",
                       description COLLATE "C", quantity, unit_price, amount, country COLLATE "C", category COLLATE "C") AS line_number,
                   invoice, stock_code, description, quantity, invoice_date, unit_price, amount, customer_id, country, category
            FROM (
                SELECT {Text(ColumnRole.Invoice)} AS invoice, {Text(ColumnRole.Product)} AS stock_code, {Text(ColumnRole.Description)} AS description,
                       {quantity} AS quantity, {Column(ColumnRole.Date)}::timestamp AS invoice_date, {unitPrice} AS unit_price, {amount} AS amount,
                       {Text(ColumnRole.Customer)} AS customer_id, {Text(ColumnRole.Country)} AS country, {Text(ColumnRole.Category)} AS category
                FROM {QualifiedName(table)}
                WHERE {Column(ColumnRole.Date)} IS NOT NULL
            ) mapped
            ) numbered
            """, ("import", importId));
        return mapping;
    }

    /// <summary>Each dotted part quoted: schema.table stays two names, "Order Lines" one.</summary>
    private static string QualifiedName(string table) => string.Join(".", table.Split('.').Select(PostgresDatabase.Quote));

    private static void WriteText(NpgsqlBinaryImporter writer, System.Data.Common.DbDataReader reader, int column)
    {
        if (reader.IsDBNull(column))
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(reader.GetString(column), NpgsqlDbType.Text);
        }
    }

    private static void WriteDecimal(NpgsqlBinaryImporter writer, System.Data.Common.DbDataReader reader, int column)
    {
        if (reader.IsDBNull(column))
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(reader.GetDecimal(column), NpgsqlDbType.Numeric);
        }
    }
}
