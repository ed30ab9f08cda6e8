using System.Diagnostics;
using Segmenta.Recommending;
using Segmenta.Store;

namespace Segmenta.Bench.Recommending;

/// <summary>
/// `dotnet run -c Release --project bench/Segmenta.Bench -- recommend STORE.duckdb [OUTPUT_DIR]`: copies the store, runs the
/// recommending stage once to warm up, then times five runs and the two ways of counting co-purchases (sparse C# vs DuckDB SQL).
/// </summary>
internal static class RecommendTiming
{
    internal static void Run(string[] args)
    {
        // Usage: dotnet run -c Release -- STORE.duckdb [OUTPUT_DIR]
        // Copies the store, runs the recommending stage once to warm up, then times five runs and the two ways of counting
        // co-purchases (sparse C# vs DuckDB SQL).
        var source = args.Length > 0 ? args[0] : throw new ArgumentException("Give the path of a segmenta.duckdb.");
        var work = Path.Combine(Path.GetTempPath(), $"segmenta-rec-bench-{Environment.ProcessId}.duckdb");
        File.Copy(source, work, overwrite: true);
        try
        {
            using var store = SegmentaStore.Open(work);
            var options = new RecommendationOptions();
            if (Environment.GetEnvironmentVariable("SQL_TIMING") is not null) { SqlTiming.Run(store); SqlTiming.Run(store); return; }
            var result = Recommender.Run(store, options);
            Console.WriteLine(RecommendationOutputs.FormatEvaluation(result));
            if (args.Length > 1)
            {
                foreach (var file in RecommendationOutputs.Write(result, args[1]))
                {
                    Console.WriteLine($"wrote {file}");
                }
            }
            var runs = new List<double>();
            var cpu = new List<double>();
            var process = Process.GetCurrentProcess();
            for (var i = 0; i < 5; i++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                result = Recommender.Run(store, options);
                runs.Add(watch.Elapsed.TotalMilliseconds);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }
            // CPU time (all threads) is reported beside wall time because the shared machine's load inflates wall time several times.
            Console.WriteLine($"Recommender.Run after warm-up: median {runs.Order().ElementAt(2):0} ms wall, {cpu.Order().ElementAt(2):0} ms CPU (wall: {string.Join(", ", runs.Select(r => r.ToString("0")))}; CPU: {string.Join(", ", cpu.Select(r => r.ToString("0")))})");
            foreach (var t in result.Timings)
            {
                Console.WriteLine($"  {t.Step,-30} {t.Elapsed.TotalMilliseconds,8:0.0} ms");
            }
            Console.WriteLine($"{result.Customers} customers, {result.Products} products, {result.Recommendations.Count} recommendations, {result.Associations.Count} rules");
            if (Environment.GetEnvironmentVariable("NO_COPURCHASE") is not null)
            {
                return;
            }
            foreach (var (name, ms) in CoPurchaseBenchmark.Run(store, options))
            {
                Console.WriteLine($"  co-purchase counting, {name,-40} {ms,8:0.0} ms");
            }
        }
        finally
        {
            File.Delete(work);
        }
    }
}
