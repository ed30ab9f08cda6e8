using System.Diagnostics;
using Segmenta.Store;

namespace Segmenta.Bench.Recommending;

/// <summary>
/// `SQL_TIMING=1 ... recommend STORE.duckdb`: wall and CPU (all threads) of each statement of the purchases' SQL and of
/// reading the purchase lines, so a change to one statement is measured on its own.
/// </summary>
internal static class SqlTiming
{
    public static void Run(SegmentaStore store)
    {
        var process = Process.GetCurrentProcess();
        void Time(string name, Action action)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var w = Stopwatch.StartNew();
            action();
            process.Refresh();
            Console.WriteLine($"{w.Elapsed.TotalMilliseconds,8:0} ms wall {(process.TotalProcessorTime - cpu).TotalMilliseconds,8:0} ms CPU  {name}");
        }
        if (Environment.GetEnvironmentVariable("SQL_PROBE") is { } probe)
        {
            // Statements separated by ";\n" of a probe file; a statement starting with SELECT is read row by row.
            foreach (var statement in File.ReadAllText(probe).Split(";\n").Where(s => s.Trim().Length > 0))
            {
                var text = statement.Trim();
                var line = text.Split('\n').First(l => !l.StartsWith("--", StringComparison.Ordinal));
                Time(line[..Math.Min(90, line.Length)], () =>
                {
                    if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("FROM", StringComparison.OrdinalIgnoreCase))
                    {
                        var rows = store.Query(text, r => string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => r.GetValue(i)?.ToString())));
                        Console.WriteLine($"  {rows.Count} rows");
                        foreach (var row in rows.Take(Environment.GetEnvironmentVariable("SQL_SHOW") is { } show ? int.Parse(show, System.Globalization.CultureInfo.InvariantCulture) : 0))
                        {
                            Console.WriteLine($"    {row}");
                        }
                    }
                    else
                    {
                        store.Execute(text);
                    }
                });
            }
            return;
        }
        store.Execute("CREATE OR REPLACE TEMP TABLE rec_non_product_codes (pattern VARCHAR); INSERT INTO rec_non_product_codes VALUES ('POST'); SET VARIABLE rec_segmentation = 'kmeans'");
        foreach (var statement in SqlScripts.Get("Recommending/purchases.sql").Split(";\n").Where(s => s.Trim().Length > 0))
        {
            var line = statement.Trim().Split('\n').FirstOrDefault(l => l.Trim().Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)) ?? "";
            Time(line[..Math.Min(70, line.Length)], () => store.Execute(statement));
        }
        var n = 0;
        Time("read purchase lines", () => n = store.Query(SqlScripts.Get("Recommending/purchase_lines.sql"), r => r.GetInt32(0)).Count);
        Console.WriteLine($"{n} lines");
        Time("count clean_lines", () => store.Query("SELECT count(*) FROM clean_lines", r => r.GetInt64(0)));
    }
}
