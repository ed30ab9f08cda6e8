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
    /// Copies every line of the local store to the server; returns how many. On a cluster the lines are copied to a
    /// staging table on the coordinator first and sent on with one INSERT: PostgreSQL 15 routes COPY rows to foreign
    /// partitions one at a time, an INSERT ... SELECT in batches (the servers' batch_size).
    /// </summary>
    internal static long CopyFromStore(SegmentaStore store, PostgresDatabase database, bool sharded)
    {
        if (!sharded)
        {
            return Copy(store, database, "raw_lines");
        }
        database.Execute("DROP TABLE IF EXISTS raw_lines_staging; CREATE TEMP TABLE raw_lines_staging (LIKE raw_lines)");
        var rows = Copy(store, database, "raw_lines_staging");
        database.Execute($"INSERT INTO raw_lines ({LineColumns}) SELECT {LineColumns} FROM raw_lines_staging; DROP TABLE raw_lines_staging");
        return rows;
    }

    private static long Copy(SegmentaStore store, PostgresDatabase database, string table)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"SELECT {LineColumns} FROM raw_lines ORDER BY import_id, line_number";
        using var reader = command.ExecuteReader();
        using var writer = database.Connection.BeginBinaryImport($"COPY {table} ({LineColumns}) FROM STDIN (FORMAT BINARY)");
        long rows = 0;
        while (reader.Read())
        {
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
            rows++;
        }
        writer.Complete();
        return rows;
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
            INSERT INTO raw_lines ({LineColumns})
            SELECT @import, row_number() OVER (ORDER BY customer_id COLLATE "C", invoice_date, invoice COLLATE "C", stock_code COLLATE "C",
                       description COLLATE "C", quantity, unit_price, amount, country COLLATE "C", category COLLATE "C"),
                   invoice, stock_code, description, quantity, invoice_date, unit_price, amount, customer_id, country, category
            FROM (
                SELECT {Text(ColumnRole.Invoice)} AS invoice, {Text(ColumnRole.Product)} AS stock_code, {Text(ColumnRole.Description)} AS description,
                       {quantity} AS quantity, {Column(ColumnRole.Date)}::timestamp AS invoice_date, {unitPrice} AS unit_price, {amount} AS amount,
                       {Text(ColumnRole.Customer)} AS customer_id, {Text(ColumnRole.Country)} AS country, {Text(ColumnRole.Category)} AS category
                FROM {QualifiedName(table)}
                WHERE {Column(ColumnRole.Date)} IS NOT NULL
            ) mapped
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
