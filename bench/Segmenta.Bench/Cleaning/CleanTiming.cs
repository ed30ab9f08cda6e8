using System.Diagnostics;
using System.Globalization;
using Segmenta.Cleaning;
using Segmenta.Store;

namespace Segmenta.Bench.Cleaning;

/// <summary>
/// `dotnet Segmenta.Bench.dll clean STORE.duckdb [whole|statements]`: the Cleaning step of analyze (the default
/// cleaning, then the purchase tables) on an imported store, in place (the store's cleaning tables are rebuilt, as by
/// analyze), timed whole; then, unless `whole`, each statement of its scripts again one by one on the same connection
/// (wall and CPU of the process, its peak memory so far). With SEGMENTA_MEMORY_LIMIT scaled down it shows which
/// statement spills or grows faster than the lines (issue 19, the 100M run). After the whole step it prints what the
/// step produced (the report, the money, and a content fingerprint of each table it writes) so that two versions of
/// the cleaning can be compared on copies of the same store.
/// </summary>
internal static class CleanTiming
{
    private static readonly string[] Scripts =
        ["Cleaning/line_rules.sql", "Cleaning/clean_lines.sql", "Cleaning/kept_lines.sql", "Cleaning/cleaning_report.sql", "Cleaning/purchase_tables.sql"];

    /// <summary>The tables the step leaves, each with the order its fingerprint is taken in (NULL: order-free).</summary>
    private static readonly string[] Outputs =
        ["line_outcomes", "removed_lines", "returns", "refunds", "kept_lines", "customer_cancellations", "cleaning_report", "cleaning_money",
         "purchase_customers", "purchase_products", "purchase_countries", "purchase_lines"];

    internal static void Run(string[] args)
    {
        using var store = SegmentaStore.Open(args[0]);
        var mode = args.Length > 1 ? args[1] : "both";
        Console.WriteLine($"memory_limit {store.Scalar<string>("SELECT current_setting('memory_limit')")}, threads {store.Scalar<long>("SELECT current_setting('threads')")}");
        if (mode != "statements")
        {
            Time("whole Cleaning step (Cleaner.Run, PurchaseTables.Write)", () =>
            {
                var report = Cleaner.Run(store, new CleaningOptions());
                PurchaseTables.Write(store);
                return report.Rows.Count.ToString(CultureInfo.InvariantCulture);
            });
            PrintResults(store);
        }
        if (mode != "whole")
        {
            Statements(store, Environment.GetEnvironmentVariable("PROFILE_DIR"));
        }
    }

    /// <summary>
    /// The step's statements one by one, in the order Cleaner.Run runs them; with <paramref name="profiles"/>, DuckDB's
    /// JSON profile of each statement is written there (NN.json, operator timings and rows).
    /// </summary>
    private static void Statements(SegmentaStore store, string? profiles)
    {
        Cleaner.Prepare(store, new CleaningOptions());
        var number = 0;
        void Run(string label, string sql)
        {
            if (profiles is not null)
            {
                Directory.CreateDirectory(profiles);
                store.Execute($"PRAGMA enable_profiling = 'json'; SET profiling_output = '{Path.Combine(profiles, $"{++number:00}.json")}'");
            }
            Time($"{number:00} {label}", () =>
            {
                store.Execute(sql);
                return "";
            });
            if (profiles is not null)
            {
                store.Execute("PRAGMA disable_profiling");
            }
        }
        foreach (var script in Scripts)
        {
            // As Cleaner.Run writes the second pass (clean_lines.sql, kept_lines.sql): without FSST or ZSTD.
            store.Execute(script is "Cleaning/clean_lines.sql" or "Cleaning/kept_lines.sql" ? "SET disabled_compression_methods = 'fsst,zstd'" : "RESET disabled_compression_methods");
            foreach (var sql in Statements(SqlScripts.Get(script)))
            {
                var name = sql.Split('\n')[0].Trim();
                Run($"{script}: {name[..Math.Min(70, name.Length)]}", sql);
                if (script == "Cleaning/line_rules.sql" && name.Contains("return_purchases", StringComparison.Ordinal))
                {
                    Time("ReturnMatcher.Run", () =>
                    {
                        ReturnMatcher.Run(store);
                        return "";
                    });
                }
                if (script == "Cleaning/line_rules.sql" && name.Contains("return_purchases", StringComparison.Ordinal))
                {
                    Cleaner.DropOutcomesTable(store);
                }
            }
        }
        PrintResults(store);
    }

    /// <summary>The statements of a script: each ends at a line ending in ';' that is not a comment.</summary>
    private static IEnumerable<string> Statements(string script)
    {
        var lines = new List<string>();
        foreach (var line in script.Split('\n'))
        {
            var comment = line.TrimStart().StartsWith("--", StringComparison.Ordinal);
            if (!comment)
            {
                lines.Add(line);
            }
            if (!comment && line.TrimEnd().EndsWith(';'))
            {
                yield return string.Join('\n', lines).Trim();
                lines.Clear();
            }
        }
        if (lines.Any(l => l.Trim().Length > 0))
        {
            yield return string.Join('\n', lines).Trim();
        }
    }

    /// <summary>The report, the money and, per output table, its rows and an order-free sum of row hashes.</summary>
    private static void PrintResults(SegmentaStore store)
    {
        foreach (var row in store.Query("SELECT rule, lines, revenue::VARCHAR FROM cleaning_report ORDER BY step", r => $"{r.GetString(0)} {r.GetInt64(1)} {(r.IsDBNull(2) ? "" : r.GetString(2))}"))
        {
            Console.WriteLine("  " + row);
        }
        foreach (var table in Outputs.Where(store.HasTable))
        {
            var print = store.Query($"SELECT count(*), coalesce(sum(hash(*COLUMNS(*))::HUGEINT), 0)::VARCHAR FROM {table}", r => $"{r.GetInt64(0)} rows, {r.GetString(1)}")[0];
            Console.WriteLine($"  {table}: {print}");
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
