using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Moves customer-level results between the server and the local store: customers and the cleaning report come back
/// (one row per customer, one per rule); segments go out to the server as table customer_segments, beside its
/// customers, so other tools can join them.
/// </summary>
internal static class PostgresResults
{
    private static readonly string[] BroughtBack = ["customers", "cleaning_report", "cleaning_money"];

    /// <summary>Replaces the local customers, cleaning_report and cleaning_money with the server's.</summary>
    internal static void BringBack(PostgresDatabase database, SegmentaStore store)
    {
        store.Execute(SqlScripts.Get("Postgres/local_tables.sql"));
        foreach (var table in BroughtBack)
        {
            Copy(database, store, table, orderBy: null);
        }
    }

    /// <summary>Appends the server's rows of <paramref name="table"/> to the local table of that name, by the local columns.</summary>
    internal static void Copy(PostgresDatabase database, SegmentaStore store, string table, string? orderBy)
    {
        var columns = store.Query($"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = 'main' ORDER BY ordinal_position", r => r.GetString(0));
        using var command = new NpgsqlCommand($"SELECT {string.Join(", ", columns)} FROM {table}{(orderBy is null ? "" : " ORDER BY " + orderBy)}", database.Connection);
        using var reader = command.ExecuteReader();
        using var appender = store.Connection.CreateAppender(table);
        while (reader.Read())
        {
            var row = appender.CreateRow();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                Append(row, reader, i);
            }
            row.EndRow();
        }
    }

    /// <summary>Writes the local customer_segments (every segmentation) to the server's table of the same name.</summary>
    internal static long SendSegments(SegmentaStore store, PostgresDatabase database)
    {
        SegmentMembership.EnsureTable(store);
        database.Execute(
            """
            DROP TABLE IF EXISTS customer_segments;
            CREATE TABLE customer_segments (segmentation TEXT NOT NULL, customer_id TEXT NOT NULL, segment_id INTEGER NOT NULL,
                segment_name TEXT, probability DOUBLE PRECISION, PRIMARY KEY (segmentation, customer_id))
            """);
        var rows = store.Query(
            "SELECT segmentation, customer_id, segment_id, segment_name, probability FROM customer_segments ORDER BY segmentation, customer_id",
            r => (r.GetString(0), r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? (double?)null : r.GetDouble(4)));
        using var writer = database.Connection.BeginBinaryImport("COPY customer_segments FROM STDIN (FORMAT BINARY)");
        foreach (var (segmentation, customer, segment, name, probability) in rows)
        {
            writer.StartRow();
            writer.Write(segmentation, NpgsqlDbType.Text);
            writer.Write(customer, NpgsqlDbType.Text);
            writer.Write(segment, NpgsqlDbType.Integer);
            if (name is null)
            {
                writer.WriteNull();
            }
            else
            {
                writer.Write(name, NpgsqlDbType.Text);
            }
            if (probability is { } p)
            {
                writer.Write(p, NpgsqlDbType.Double);
            }
            else
            {
                writer.WriteNull();
            }
        }
        writer.Complete();
        return rows.Count;
    }

    private static void Append(DuckDB.NET.Data.IDuckDBAppenderRow row, DbDataReader reader, int column)
    {
        if (reader.IsDBNull(column))
        {
            row.AppendNullValue();
            return;
        }
        switch (reader.GetDataTypeName(column))
        {
            case "date":
                row.AppendValue(reader.GetFieldValue<DateOnly>(column));
                break;
            case "integer":
                row.AppendValue(reader.GetInt32(column));
                break;
            case "bigint":
                row.AppendValue(reader.GetInt64(column));
                break;
            case "double precision":
                row.AppendValue(reader.GetDouble(column));
                break;
            case "text":
                row.AppendValue(reader.GetString(column));
                break;
            case "timestamp without time zone":
                row.AppendValue(reader.GetDateTime(column));
                break;
            default:
                if (reader.GetDataTypeName(column).StartsWith("numeric", StringComparison.Ordinal))
                {
                    row.AppendValue(reader.GetDecimal(column));
                    break;
                }
                throw new InvalidOperationException($"Column {reader.GetName(column)} has type {reader.GetDataTypeName(column)}, which the local store does not take.");
        }
    }
}
