using System.Diagnostics;
using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/Segmenta.Bench -- explore [data file]`: imports and cleans the shared data
/// (classic preset) into a temporary store, then times Explorer.Run (median of 5 after a warm-up, wall and CPU) and
/// each of its scripts. Target: all tables in under 0.3 s once the data is in the store.
/// </summary>
internal static class ExplorationTiming
{
    internal static void Run(string dataFile)
    {
        var path = Path.Combine(Path.GetTempPath(), $"segmenta-explore-bench-{Environment.ProcessId}.duckdb");
        try
        {
            using var store = SegmentaStore.Open(path);
            Importer.Import(store, dataFile, new ImportOptions());
            Cleaner.Run(store, new CleaningOptions { Preset = CleaningPreset.Classic });
            Explorer.Run(store, new ExplorationOptions());
            var wall = new List<double>();
            var cpu = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                Explorer.Run(store, new ExplorationOptions());
                wall.Add(watch.Elapsed.TotalSeconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
            }
            wall.Sort();
            cpu.Sort();
            Console.WriteLine(FormattableString.Invariant($"Explorer.Run on the classic store: median {wall[2]:0.000} s wall, {cpu[2]:0.000} s CPU (5 runs after a warm-up)"));
            Explorer.Compute(store, new ExplorationOptions(), (script, elapsed) => Console.WriteLine(FormattableString.Invariant($"  {script,-36} {elapsed.TotalMilliseconds,7:0.0} ms")));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
