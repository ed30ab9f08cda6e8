using System.Diagnostics;
using Segmenta.Store;

namespace Segmenta.Bench;

/// <summary>
/// `dotnet Segmenta.Bench.dll sql STORE.duckdb FILE.sql [rounds]`: runs the statements of FILE (separated by a line
/// ending in ';') on a copy of the store, each round, and prints each statement's wall and CPU milliseconds and the
/// rows a query returned; for measuring one query against another on the same data.
/// </summary>
internal static class SqlRunner
{
    internal static void Run(string[] args)
    {
        var inPlace = Environment.GetEnvironmentVariable("MIDDLE_IN_PLACE") == "1";
        var work = inPlace ? args[0] : Path.Combine(Path.GetTempPath(), $"segmenta-sql-{Environment.ProcessId}.duckdb");
        if (!inPlace)
        {
            File.Copy(args[0], work, overwrite: true);
        }
        try
        {
            using var store = SegmentaStore.Open(work);
            var statements = File.ReadAllText(args[1]).Split(";\n").Select(s => s.Trim()).Where(s => s.Split('\n').Any(l => l.Trim().Length > 0 && !l.Trim().StartsWith("--", StringComparison.Ordinal))).ToList();
            var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
            var process = Process.GetCurrentProcess();
            for (var round = 1; round <= rounds; round++)
            {
                Console.WriteLine($"round {round}");
                foreach (var sql in statements)
                {
                    process.Refresh();
                    var cpu = process.TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    long rows = 0;
                    string first = "";
                    using (var command = store.Connection.CreateCommand())
                    {
                        command.CommandText = sql;
                        using var reader = command.ExecuteReader();
                        while (reader.Read())
                        {
                            if (rows++ == 0)
                            {
                                first = string.Join(",", Enumerable.Range(0, Math.Min(reader.FieldCount, 6)).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
                            }
                        }
                    }
                    process.Refresh();
                    var label = SqlProbeLabel(sql);
                    Console.WriteLine(FormattableString.Invariant($"  {watch.Elapsed.TotalMilliseconds,8:0.0} ms wall {(process.TotalProcessorTime - cpu).TotalMilliseconds,8:0.0} ms CPU {rows,8} rows  {label}  [{first}]"));
                }
            }
        }
        finally
        {
            if (!inPlace)
            {
                File.Delete(work);
                File.Delete(work + ".wal");
            }
        }
    }

    private static string SqlProbeLabel(string sql)
    {
        var s = string.Join(' ', sql.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)));
        return s.Length > 90 ? s[..90] : s;
    }
}
