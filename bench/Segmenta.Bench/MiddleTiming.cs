using System.Diagnostics;
using Segmenta.Categories;
using Segmenta.Exploration;
using Segmenta.Features;
using Segmenta.Pipeline;
using Segmenta.Profiling;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Bench;

/// <summary>
/// `dotnet Segmenta.Bench.dll middle STORE.duckdb [rounds] [steps]`: runs the steps between the cleaning and the
/// recommendations (customer features, exploring, product categories, segmenting, profiling, category preferences,
/// the report) one after another on a copy of an analysed store, with the stored run's options, and prints each
/// step's wall and CPU seconds (all threads) per round; the first round includes the JIT. `steps` is a comma list
/// of features,explore,categories,segment,profile,preferences,report (default all).
/// </summary>
internal static class MiddleTiming
{
    internal static void Run(string[] args)
    {
        var source = args.Length > 0 ? args[0] : throw new ArgumentException("Give the path of an analysed segmenta.duckdb.");
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;
        var only = args.Length > 2 ? args[2].Split(',') : null;
        var work = Path.Combine(Path.GetTempPath(), $"segmenta-middle-{Environment.ProcessId}.duckdb");
        // MIDDLE_REPORT=PATH: write the report there and keep it (to compare it with another build's).
        var keptReport = Environment.GetEnvironmentVariable("MIDDLE_REPORT");
        var report = keptReport ?? Path.Combine(Path.GetTempPath(), $"segmenta-middle-{Environment.ProcessId}.html");
        // MIDDLE_IN_PLACE=1: work on the store itself (e.g. to refit an old store's model once, then time the report on it).
        var inPlace = Environment.GetEnvironmentVariable("MIDDLE_IN_PLACE") == "1";
        if (inPlace)
        {
            work = source;
        }
        else
        {
            File.Copy(source, work, overwrite: true);
        }
        try
        {
            var run = RunLog.LastOptions(work) ?? new RunOptions();
            using var store = SegmentaStore.Open(work);
            var process = Process.GetCurrentProcess();
            var totals = new Dictionary<string, List<double>>();
            void Step(string name, Action work)
            {
                if (only is not null && !only.Contains(name))
                {
                    return;
                }
                if (Environment.GetEnvironmentVariable("SEGMENTA_SQL_PROBE") is { } probe)
                {
                    File.AppendAllText(probe, $"== {name}\n");
                }
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                work();
                process.Refresh();
                var used = (process.TotalProcessorTime - cpu).TotalSeconds;
                (totals.TryGetValue(name, out var list) ? list : totals[name] = []).Add(used);
                Console.WriteLine(FormattableString.Invariant($"  {name,-12} {watch.Elapsed.TotalSeconds,7:0.000} s wall {used,7:0.000} s CPU  peak {process.PeakWorkingSet64 / 1048576,6} MB"));
            }
            IReadOnlyList<ProfiledSegmentation> profiled = [];
            for (var round = 1; round <= rounds; round++)
            {
                Console.WriteLine($"round {round}");
                Step("features", () => CustomerFeatures.Compute(store, run.Features));
                Step("explore", () => Explorer.Run(store, run.Exploration));
                Step("categories", () => CategoryStage.Run(store, new CategoryOptions()));
                Step("segment", () => { if (run.Segmentation is { } s) { SegmentationStage.Run(store, s); } });
                Step("profile", () => profiled = Profiler.Run(store, run.Profiling));
                Step("preferences", () => CategoryStage.AddPreferences(store, profiled.Count > 0 ? profiled : Profiler.Run(store, run.Profiling), new CategoryOptions()));
                // A second connection to the same database (DuckDB.NET shares the instance within the process).
                Step("report", () => AnalysisPipeline.Report(work, report));
            }
            Console.WriteLine("CPU per step, rounds after the first (min):");
            foreach (var (name, list) in totals)
            {
                Console.WriteLine(FormattableString.Invariant($"  {name,-12} first {list[0],7:0.000}  then {(list.Count > 1 ? list.Skip(1).Min() : double.NaN),7:0.000}"));
            }
        }
        finally
        {
            if (!inPlace)
            {
                File.Delete(work);
                File.Delete(work + ".wal");
            }
            if (keptReport is null)
            {
                File.Delete(report);
            }
        }
    }
}
