using Npgsql;
using NpgsqlTypes;
using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Postgres;

internal static partial class PostgresSource
{
    /// <summary>
    /// The order lines of a table source are numbered in (line_number = rank in it), by content, so the same rows in any
    /// physical order give the same numbers. The lines with a customer come first, ordered by the customer (their
    /// distribution key) in byte order, then by their content: exactly the numbering before session 15 (by customer,
    /// NULLs last, then content). The lines without a customer come after them, grouped by their distribution key
    /// (invoice, else day): before session 15 they were ordered by content alone. No rule compares such a line with
    /// another (the first rule sets them aside), so their numbers change no outcome; grouped by key, every number is a
    /// per-key offset plus a rank within the key, which each shard can compute for its own keys
    /// (<see cref="ShardedTableSource"/>).
    /// </summary>
    internal const string LineOrder =
        """customer_id IS NULL, distribution_key COLLATE "C", invoice_date, invoice COLLATE "C", stock_code COLLATE "C", description COLLATE "C", quantity, unit_price, amount, country COLLATE "C", category COLLATE "C" """;

    /// <summary>
    /// Where a table source's line lives: as a file's (<see cref="DistributionKey"/>), the customer, else the invoice;
    /// a line with neither by its day instead of its line number, since the number is computed once the lines are
    /// where they live (the rows of a day with no customer and no invoice stay together).
    /// </summary>
    internal const string TableDistributionKey = "coalesce(customer_id, invoice, to_char(invoice_date, 'YYYY-MM-DD'))";

    /// <summary>The columns of a table source's mapped rows, before they are numbered.</summary>
    internal const string MappedColumns = "invoice, stock_code, description, quantity, invoice_date, unit_price, amount, customer_id, country, category, distribution_key";

    /// <summary>
    /// Reads <paramref name="table"/> into raw_lines as import <paramref name="importId"/>, numbered by content
    /// (<see cref="LineOrder"/>). On one server by one INSERT ... SELECT. On a cluster, a source partitioned over the
    /// run's own shards (foreign partitions there) is copied shard to shard and numbered on the shards
    /// (<see cref="ShardedTableSource"/>): no line crosses the coordinator; any other source is numbered on the
    /// coordinator and streamed to the shards (<see cref="StreamToShards"/>). Returns the mapping used.
    /// </summary>
    internal static ColumnMapping CopyFromTable(PostgresDatabase database, PostgresOptions options, string table, IReadOnlyDictionary<ColumnRole, string> overrides, int importId)
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
        if (options.Shards.Count > 0 && ShardedTableSource.Find(database, options, table) is { } parts)
        {
            ShardedTableSource.Copy(database, options, parts, MappedRows(header, mapping, "{part}"), importId);
            return mapping;
        }
        var numbered = $"""
            SELECT {importId} AS import_id, row_number() OVER (ORDER BY {LineOrder}) AS line_number, {MappedColumns}
            FROM ({MappedRows(header, mapping, QualifiedName(table))}) mapped
            """;
        if (options.Shards.Count > 0)
        {
            StreamToShards(database, options, numbered);
        }
        else
        {
            database.Execute($"INSERT INTO raw_lines ({CopiedColumns}) {numbered}");
        }
        return mapping;
    }

    /// <summary>
    /// The SELECT of a table source's rows with a date, mapped to the line columns (<see cref="MappedColumns"/>): text
    /// trimmed (empty = missing), numbers rounded to 4 places, the amount the line total or quantity x price.
    /// </summary>
    private static string MappedRows(IReadOnlyList<string> header, ColumnMapping mapping, string from)
    {
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
        return $"""
            SELECT {MappedColumns.Replace(", distribution_key", $", {TableDistributionKey} AS distribution_key", StringComparison.Ordinal)}
            FROM (
                SELECT {Text(ColumnRole.Invoice)} AS invoice, {Text(ColumnRole.Product)} AS stock_code, {Text(ColumnRole.Description)} AS description,
                       {quantity}::numeric(18,4) AS quantity, {Column(ColumnRole.Date)}::timestamp AS invoice_date, {unitPrice}::numeric(18,4) AS unit_price,
                       {amount}::numeric(18,4) AS amount, {Text(ColumnRole.Customer)} AS customer_id, {Text(ColumnRole.Country)} AS country,
                       {Text(ColumnRole.Category)} AS category
                FROM {from}
                WHERE {Column(ColumnRole.Date)} IS NOT NULL
            ) typed
            """;
    }

    /// <summary>
    /// The lines of <paramref name="numbered"/> (a SELECT of raw_lines' columns without the key's shard) read from the
    /// coordinator by one binary COPY TO, the shard of each line's key computed there (<c>satisfies_hash_partition</c>,
    /// the coordinator's own hash partitioning of raw_lines), and each line written on to its shard's table by one
    /// binary COPY per shard, as a file's lines are: streamed, a row at a time. Until session 15 one
    /// <c>INSERT ... SELECT</c> into the coordinator's raw_lines, which postgres_fdw sends to the shards in batches of
    /// parameterised INSERTs.
    /// </summary>
    private static void StreamToShards(PostgresDatabase database, PostgresOptions options, string numbered)
    {
        var count = options.Shards.Count;
        var shardOfKey = string.Concat(Enumerable.Range(0, count - 1).Select(r => $"WHEN satisfies_hash_partition('raw_lines'::regclass, {count}, {r}, distribution_key) THEN {r} "));
        using var shards = PostgresLayout.OpenShards(options, database.Schema);
        var writers = shards.Select(s => s.Connection.BeginBinaryImport($"COPY raw_lines ({CopiedColumns}) FROM STDIN (FORMAT BINARY)")).ToList();
        try
        {
            using (var reader = database.Connection.BeginBinaryExport($"COPY (SELECT CASE {shardOfKey}ELSE {count - 1} END, {CopiedColumns} FROM ({numbered}) numbered) TO STDOUT (FORMAT BINARY)"))
            {
                while (reader.StartRow() != -1)
                {
                    var writer = writers[reader.Read<int>(NpgsqlDbType.Integer)];
                    writer.StartRow();
                    writer.Write(reader.Read<int>(NpgsqlDbType.Integer), NpgsqlDbType.Integer);
                    writer.Write(reader.Read<long>(NpgsqlDbType.Bigint), NpgsqlDbType.Bigint);
                    Pass<string>(reader, writer, NpgsqlDbType.Text, 3);
                    Pass<decimal>(reader, writer, NpgsqlDbType.Numeric, 1);
                    writer.Write(reader.Read<DateTime>(NpgsqlDbType.Timestamp), NpgsqlDbType.Timestamp);
                    Pass<decimal>(reader, writer, NpgsqlDbType.Numeric, 2);
                    Pass<string>(reader, writer, NpgsqlDbType.Text, 4);
                }
            }
            writers.ForEach(w => w.Complete());
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }
    }

    /// <summary>The next <paramref name="columns"/> columns of a binary COPY TO written on to a binary COPY FROM, NULLs as NULLs.</summary>
    private static void Pass<T>(NpgsqlBinaryExporter reader, NpgsqlBinaryImporter writer, NpgsqlDbType type, int columns)
    {
        for (var i = 0; i < columns; i++)
        {
            if (reader.IsNull)
            {
                reader.Skip();
                writer.WriteNull();
            }
            else
            {
                writer.Write(reader.Read<T>(type), type);
            }
        }
    }

    /// <summary>Each dotted part quoted: schema.table stays two names, "Order Lines" one.</summary>
    private static string QualifiedName(string table) => string.Join(".", table.Split('.').Select(PostgresDatabase.Quote));
}
