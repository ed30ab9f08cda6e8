using Npgsql;
using NpgsqlTypes;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Fills the server's raw_lines: from the lines a file import left in the local store (the same importer, detection
/// and quarantine as a DuckDB run, then one binary COPY), or from an existing table read in place, its columns mapped
/// to roles like a file's header (<c>--map role=column</c>, else the usual names).
/// </summary>
internal static partial class PostgresSource
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
        using var shards = PostgresLayout.OpenShards(options, database.Schema);
        return Copy(store, [.. shards.Select(s => s.Connection)], key => shardOf[key], "raw_lines");
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

    /// <summary>
    /// The local lines, each to the connection <paramref name="target"/> gives for its distribution key, one binary COPY
    /// per connection, streamed: DuckDB hands the rows over as it scans them (<see cref="SegmentaStore.Stream"/>), in
    /// the store's order. Until session 15 the query was a materialized result ordered by (import, line): DuckDB sorted
    /// and held every line before the first was sent, the client's peak of the whole 10M run (3.74 GB). The order of
    /// the rows in a shard's table changes no result (each line carries its own number).
    /// </summary>
    private static long Copy(SegmentaStore store, IReadOnlyList<NpgsqlConnection> connections, Func<string, int> target, string table)
    {
        var writers = connections.Select(c => c.BeginBinaryImport($"COPY {table} ({CopiedColumns}) FROM STDIN (FORMAT BINARY)")).ToList();
        try
        {
            long rows = 0;
            store.Stream($"SELECT {LineColumns}, {DistributionKey} FROM raw_lines", reader =>
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
            });
            writers.ForEach(w => w.Complete());
            return rows;
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }
    }

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
