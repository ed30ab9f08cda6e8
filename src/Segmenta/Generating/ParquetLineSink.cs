using DuckDB.NET.Data;

namespace Segmenta.Generating;

/// <summary>
/// Writes lines as Parquet with typed columns through DuckDB, the engine that reads Parquet in the loader too (no
/// second Parquet library): lines are appended to a table in a temporary database file beside the output (so memory
/// stays bounded, DuckDB spills to that file), which one COPY then writes as Parquet in insertion order.
/// </summary>
internal sealed class ParquetLineSink : ILineSink
{
    private readonly string _path;
    private readonly string _scratch;
    private readonly DuckDBConnection _connection;
    private DuckDBAppender? _appender;

    internal ParquetLineSink(string path)
    {
        _path = Path.GetFullPath(path);
        _scratch = _path + ".scratch.duckdb";
        DeleteScratch();
        _connection = new DuckDBConnection($"DataSource={_scratch}");
        _connection.Open();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText =
                """
                CREATE TABLE lines ("InvoiceNo" VARCHAR, "StockCode" VARCHAR, "Description" VARCHAR, "Quantity" INTEGER,
                    "InvoiceDate" TIMESTAMP, "UnitPrice" DECIMAL(12,2), "CustomerID" VARCHAR, "Country" VARCHAR);
                -- The appender writes on this thread; with worker threads DuckDB 1.5's calling thread busy-polls the
                -- scheduler at every flush (duckdb/duckdb#22178). All threads again for the COPY.
                SET threads = 1;
                """;
            command.ExecuteNonQuery();
        }
        _appender = _connection.CreateAppender("lines");
    }

    public void Write(ShopLine line)
    {
        var row = _appender!.CreateRow()
            .AppendValue(line.Invoice).AppendValue(line.StockCode).AppendValue(line.Description).AppendValue(line.Quantity)
            .AppendValue(line.Date).AppendValue(line.PriceCents / 100m);
        row = line.Customer >= 0 ? row.AppendValue(line.Customer.ToString(System.Globalization.CultureInfo.InvariantCulture)) : row.AppendNullValue();
        row.AppendValue(line.Country).EndRow();
    }

    public void Complete()
    {
        _appender!.Dispose();
        _appender = null;
        using var command = _connection.CreateCommand();
        command.CommandText = "RESET threads";
        command.ExecuteNonQuery();
        // COPY takes no parameters; the path is quoted as an SQL string literal. Row groups of DuckDB's default size, so that
        // a reader (ours included) scans a file of any size on every core, a row group per task.
        command.CommandText = $"COPY lines TO '{_path.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _appender?.Dispose();
        _connection.Dispose();
        DeleteScratch();
    }

    private void DeleteScratch()
    {
        File.Delete(_scratch);
        File.Delete(_scratch + ".wal");
    }
}
