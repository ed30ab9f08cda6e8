using System.Diagnostics;
using Segmenta.Recommending;
using Segmenta.Store;

namespace Segmenta.Bench.Recommending;

/// <summary>
/// `dotnet Segmenta.Bench.dll recommend-once STORE.duckdb`: runs the recommending stage once on a copy of the store (as
/// analyze does) and prints its parts' wall times, the process's CPU seconds and its peak resident memory, so the
/// stage's memory at 1M or 10M lines is measured without re-running the steps before it.
/// </summary>
internal static class RecommendOnce
{
    /// <summary>The stage's parts one after the other, with the process's peak memory after each (`recommend-once STORE phases`).</summary>
    private static void Phases(SegmentaStore store)
    {
        var options = new RecommendationOptions();
        var process = Process.GetCurrentProcess();
        var watch = Stopwatch.StartNew();
        T Phase<T>(string name, Func<T> work)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            watch.Restart();
            var value = work();
            process.Refresh();
            Console.WriteLine($"  {name,-34} {watch.Elapsed.TotalSeconds,7:0.00} s wall {(process.TotalProcessorTime - cpu).TotalSeconds,7:0.00} s CPU  peak {process.PeakWorkingSet64 / 1048576,6} MB  now {process.WorkingSet64 / 1048576,6} MB  managed {GC.GetTotalMemory(false) / 1048576,6} MB");
            return value;
        }
        var log = Phase("load purchases", () => PurchaseLogLoader.Load(store, options, out _));
        var fits = new ReferenceDayFits(log, options);
        var outcome = Phase("evaluate", () => RecommendationEvaluator.Evaluate(log, options, fits));
        var models = Phase("final fit", () => { var m = fits.Fit(log.LastDay); _ = m[options.ListMethod]; return m; });
        var lists = Phase("lists", () => Recommender.RecommendAll(models, models[options.ListMethod], options.Top));
        var rules = Phase("rules", () => Recommender.Associations(models, options));
        Console.WriteLine($"{outcome.Rows.Count} rows, {lists.Count} recommendations, {rules.Count} rules");
    }

    internal static void Run(string[] args)
    {
        var source = args.Length > 0 ? args[0] : throw new ArgumentException("Give the path of a segmenta.duckdb.");
        var work = Path.Combine(Path.GetTempPath(), $"segmenta-rec-once-{Environment.ProcessId}.duckdb");
        File.Copy(source, work, overwrite: true);
        try
        {
            using var store = SegmentaStore.Open(work);
            if (args.Length > 1 && args[1] == "phases")
            {
                Phases(store);
                return;
            }
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var startPeak = process.PeakWorkingSet64;
            var watch = Stopwatch.StartNew();
            var result = Recommender.Run(store, new RecommendationOptions());
            process.Refresh();
            Console.WriteLine($"recommending: {watch.Elapsed.TotalSeconds:0.00} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:0.00} s CPU, "
                + $"peak {process.PeakWorkingSet64 / 1048576} MB (after opening: {startPeak / 1048576} MB)");
            foreach (var t in result.Timings)
            {
                Console.WriteLine($"  {t.Step,-30} {t.Elapsed.TotalSeconds,8:0.00} s");
            }
            Console.WriteLine($"{result.Customers} customers, {result.Products} products, {result.Recommendations.Count} recommendations, {result.Associations.Count} rules");
        }
        finally
        {
            File.Delete(work);
            File.Delete(work + ".wal");
        }
    }
}
