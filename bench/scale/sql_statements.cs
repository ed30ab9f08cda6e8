#:package DuckDB.NET.Data.Full
// Times the statements of a SQL file one by one on a store (e.g. an analysed 10M store, copied first: the statements
// run on it), and prints each one's wall and CPU milliseconds; the rows of SELECT and EXPLAIN (ANALYZE) statements are
// printed in full. Statements are split at a line ending in ';'. THREADS (default 1) is DuckDB's thread count: with one
// thread the CPU seconds count the work, not the busy-polling of DuckDB's threads on a loaded machine (duckdb#22178).
// For A/B checks, create both versions as temp tables and compare them with EXCEPT ALL both ways in the same file.
// Usage: dotnet run bench/scale/sql_statements.cs STORE.duckdb FILE.sql [THREADS]
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
using var connection = new DuckDBConnection($"DataSource={args[0]}");
connection.Open();
using (var settings = connection.CreateCommand())
{
    settings.CommandText = $"SET threads = {threads}; SET memory_limit = '8GB'; SET temp_directory = '{Path.GetTempPath()}';";
    settings.ExecuteNonQuery();
}
var process = Process.GetCurrentProcess();
foreach (var part in File.ReadAllText(args[1]).Split(";\n"))
{
    var sql = string.Join('\n', part.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();
    if (sql.Length == 0)
    {
        continue;
    }
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    var rows = new List<string>();
    do
    {
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }
    } while (reader.NextResult());
    process.Refresh();
    var label = string.Join(' ', sql.Split('\n').Select(l => l.Trim()));
    Console.WriteLine(FormattableString.Invariant($"{watch.Elapsed.TotalMilliseconds,9:0} ms wall {(process.TotalProcessorTime - cpu).TotalMilliseconds,9:0} ms CPU {rows.Count,8} rows  {(label.Length > 100 ? label[..100] : label)}"));
    if (sql.StartsWith("EXPLAIN", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
    {
        foreach (var row in rows)
        {
            Console.WriteLine("   " + row);
        }
    }
}
