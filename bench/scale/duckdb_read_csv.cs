#:package DuckDB.NET.Data.Full
// Times DuckDB's own multi-threaded CSV reader on a generated file, into a table of a database file, the way a
// DuckDB-based loader would: typed columns, bad lines kept aside with store_rejects (line number and reason).
// Compare with the "Loading" step of `segmenta analyze` on the same file (our parser + appender).
// Usage: dotnet run bench/scale/duckdb_read_csv.cs FILE.csv[.gz] [THREADS]
using System.Diagnostics;
using DuckDB.NET.Data;

var file = args[0];
var threads = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var db = Path.Combine(Path.GetTempPath(), $"read_csv_{Environment.ProcessId}.duckdb");
File.Delete(db);
using (var connection = new DuckDBConnection($"DataSource={db}"))
{
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = $"SET threads = {threads}; SET memory_limit = '4GB'; SET temp_directory = '{Path.GetTempPath()}';";
    command.ExecuteNonQuery();
    var watch = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    command.CommandText = $$"""
        CREATE TABLE lines AS
        SELECT * FROM read_csv('{{file}}', header = true, store_rejects = true,
            columns = {'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'DECIMAL(18,4)',
                        'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DECIMAL(18,4)', 'CustomerID': 'VARCHAR', 'Country': 'VARCHAR'})
        """;
    command.ExecuteNonQuery();
    var elapsed = watch.Elapsed;
    command.CommandText = "SELECT (SELECT count(*) FROM lines), (SELECT count(*) FROM reject_errors)";
    using var reader = command.ExecuteReader();
    reader.Read();
    Console.WriteLine($"DuckDB read_csv, {threads} threads: {reader.GetInt64(0):N0} lines loaded, {reader.GetInt64(1):N0} rejected, "
        + $"{elapsed.TotalSeconds:0.00} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.00} s CPU");
}
File.Delete(db);
