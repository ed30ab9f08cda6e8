using System.Diagnostics;
using Segmenta.Recommending;
using Segmenta.Store;

namespace Segmenta.Bench.Recommending;

/// <summary>
/// `dotnet Segmenta.Bench.dll recommend-parts STORE.duckdb [repeats]`: CPU and wall time of each part of the
/// recommending stage (purchases read once, then per repeat: the states at the validation day, the cut and the last
/// day, the weights, the evaluation, the final lists and rules), so a change to one part is measured on its own.
/// CPU time is all threads of the process: the shared machine's load inflates wall time.
/// </summary>
internal static class RecommendParts
{
    internal static void Run(string[] args)
    {
        var source = args.Length > 0 ? args[0] : throw new ArgumentException("Give the path of a segmenta.duckdb.");
        var repeats = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var work = Path.Combine(Path.GetTempPath(), $"segmenta-rec-parts-{Environment.ProcessId}.duckdb");
        File.Copy(source, work, overwrite: true);
        try
        {
            using var store = SegmentaStore.Open(work);
            var options = new RecommendationOptions();
            var totals = new Dictionary<string, List<(double Wall, double Cpu)>>();
            void Time(string name, Action action)
            {
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                action();
                var wall = watch.Elapsed.TotalMilliseconds;
                process.Refresh();
                (totals.TryGetValue(name, out var list) ? list : totals[name] = []).Add((wall, (process.TotalProcessorTime - cpu).TotalMilliseconds));
            }
            for (var r = 0; r <= repeats; r++)
            {
                PurchaseLog log = null!;
                Time("load purchases (SQL)", () => log = PurchaseLogLoader.Load(store, options, out _));
                var cut = RecommendationEvaluator.DefaultCutoff(log);
                var cutDay = PurchaseLog.ToDay(cut);
                var validation = ReferenceDayFits.ValidationDay(cutDay);
                var fits = new ReferenceDayFits(log, options);
                foreach (var (name, day) in new[] { ("validation", validation), ("cut", cutDay), ("last", log.LastDay) })
                {
                    Interactions data = null!;
                    Time($"interactions {name}", () => data = Interactions.Build(log, day, options.RecencyHalfLifeDays));
                    var active = FittedRecommenders.ActiveProducts(data, options);
                    Time($"EASE fit {name}", () => EaseModel.Fit(data, active, options.EaseProducts, options.EaseMinBuyers, options.EaseLambda, options.EaseHalfLifeDays));
                }
                Time("states (3 days, as the stage)", () =>
                {
                    fits.State(validation);
                    fits.State(cutDay);
                    fits.State(log.LastDay);
                });
                Time("weights at the cut", () => fits.Calibration(cutDay));
                Time("weights at the last day", () => fits.Calibration(log.LastDay));
                var atCut = fits.Fit(cutDay);
                foreach (var method in atCut.Methods.Order())
                {
                    Time($"fit {method} at cut", () => _ = atCut[method]);
                }
                var (truthStart, truthItems) = RecommendationEvaluator.TestTruth(log, cutDay);
                var eligible = RecommendationEvaluator.EvaluatedCustomers(atCut.Data, truthStart, truthItems, false);
                Time("EASE scores, eligible customers at cut", () =>
                {
                    var buffer = new ScoringBuffer(log.Products);
                    foreach (var c in eligible)
                    {
                        buffer.Begin(atCut.Data, c);
                        buffer.EaseScores(atCut.TwoKind.Ease, atCut.Data, c);
                    }
                });
                foreach (var method in atCut.Methods.Order())
                {
                    Time($"rank {method}, eligible at cut (1 thread)", () =>
                    {
                        var buffer = new ScoringBuffer(log.Products);
                        var top = new Pick[10];
                        foreach (var c in eligible)
                        {
                            buffer.Begin(atCut.Data, c);
                            atCut[method].Rank(c, false, top, buffer);
                        }
                    });
                }
                var series = new double[eligible.Length * 50];
                new Random(1).NextBytes(new byte[1]);
                for (var i = 0; i < series.Length; i++)
                {
                    series[i] = (i * 7919 % 13) / 13.0;
                }
                Time("bootstrap 1000 x 50 series", () => Bootstrap.Intervals(series, eligible.Length, 50, 1000, 42));
                Time("evaluate (fitted)", () => RecommendationEvaluator.Evaluate(log, options, fits));
                FittedRecommenders final = null!;
                Time("final fit", () => { final = fits.Fit(log.LastDay); _ = final[options.ListMethod]; });
                Time("lists", () => Recommender.RecommendAll(final, final[options.ListMethod], options.Top));
                Time("rules (frequently bought together)", () => Recommender.Associations(final, options));
                Time("whole Compute", () => Recommender.Compute(store, options));
            }
            Console.WriteLine($"{"part",-40} {"wall ms",10} {"CPU ms",10}   (medians of {repeats} after a warm-up)");
            foreach (var (name, list) in totals)
            {
                var kept = list.Skip(1).ToList();
                Console.WriteLine($"{name,-40} {Median(kept.Select(k => k.Wall)),10:0} {Median(kept.Select(k => k.Cpu)),10:0}");
            }
        }
        finally
        {
            File.Delete(work);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
