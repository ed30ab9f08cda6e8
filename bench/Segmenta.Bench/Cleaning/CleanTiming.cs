using System.Diagnostics;
using System.Globalization;
using Segmenta.Cleaning;
using Segmenta.Store;

namespace Segmenta.Bench.Cleaning;

/// <summary>
/// `dotnet Segmenta.Bench.dll clean STORE.duckdb`: the default cleaning of an imported store, in place (the store's
/// cleaning tables are rebuilt, as by analyze), timed whole, then each statement of its scripts again one by one on the
/// same connection (wall and CPU of the process, its peak memory so far). With SEGMENTA_MEMORY_LIMIT scaled down
/// it shows which statement spills or grows faster than the lines (issue 19, the 100M run).
/// </summary>
internal static class CleanTiming
{
    internal static void Run(string[] args)
    {
        using var store = SegmentaStore.Open(args[0]);
        Console.WriteLine($"memory_limit {store.Scalar<string>("SELECT current_setting('memory_limit')")}, threads {store.Scalar<long>("SELECT current_setting('threads')")}");
        Time("whole cleaning (Cleaner.Run)", () => Cleaner.Run(store, new CleaningOptions()).Rows.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var script in new[] { "Cleaning/line_rules.sql", "Cleaning/clean_lines.sql", "Cleaning/cleaning_report.sql" })
        {
            foreach (var sql in SqlScripts.Get(script).Split(";\n").Select(s => s.Trim())
                         .Where(s => s.Split('\n').Any(l => l.Trim().Length > 0 && !l.Trim().StartsWith("--", StringComparison.Ordinal))))
            {
                var name = sql.Split('\n').First(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("--", StringComparison.Ordinal)).Trim();
                Time($"{script}: {name[..Math.Min(70, name.Length)]}", () =>
                {
                    store.Execute(sql);
                    return "";
                });
            }
        }
    }

    private static void Time(string label, Func<string> action)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = action();
        process.Refresh();
        Console.WriteLine(FormattableString.Invariant(
            $"{watch.Elapsed.TotalSeconds,8:0.00} s wall {(process.TotalProcessorTime - cpu).TotalSeconds,8:0.00} s CPU  peak {process.PeakWorkingSet64 / 1048576,6} MB  {label} {result}"));
    }
}
