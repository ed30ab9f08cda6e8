using System.Diagnostics;
using System.Globalization;
using Segmenta.Recommending;
using Segmenta.Store;

namespace Segmenta.Bench.Recommending;

/// <summary>
/// `dotnet run -c Release --project bench/Segmenta.Bench -- recommend-tune STORE.duckdb [test]`: chooses the EASE settings
/// without looking at the test period. The log is cut at the evaluation cutoff (2011-09-08 by default) and every
/// setting is evaluated on the split before it (train to cutoff − 3 months − 1 day, validate on the rest), precision@10
/// without bootstrap. With `test`, the default settings are then evaluated at the cutoff and at two earlier cutoffs
/// (2011-06-08 and 2011-07-08... ) on the full log, with 1,000 resamples.
/// </summary>
internal static class RecommendTuning
{
    internal static void Run(string[] args)
    {
        var source = args.Length > 0 ? args[0] : throw new ArgumentException("Give the path of a segmenta.duckdb.");
        var work = Path.Combine(Path.GetTempPath(), $"segmenta-rec-tune-{Environment.ProcessId}.duckdb");
        File.Copy(source, work, overwrite: true);
        try
        {
            using var store = SegmentaStore.Open(work);
            var log = PurchaseLogLoader.Load(store, new RecommendationOptions(), out _);
            var cutoff = RecommendationEvaluator.DefaultCutoff(log);
            if (args.Contains("steps"))
            {
                var options = new RecommendationOptions();
                var day = PurchaseLog.ToDay(cutoff);
                for (var repeat = 0; repeat < 3; repeat++)
                {
                    var w = Stopwatch.StartNew();
                    var data = Interactions.Build(log, day, options.RecencyHalfLifeDays);
                    var t1 = w.ElapsedMilliseconds;
                    var active = FittedRecommenders.ActiveProducts(data, options);
                    var ease = EaseModel.Fit(data, active, options.EaseProducts, options.EaseMinBuyers, options.EaseLambda, options.EaseHalfLifeDays);
                    var t2 = w.ElapsedMilliseconds;
                    var features = TwoKindFeatures.Fit(data, active, options, ease);
                    var t3 = w.ElapsedMilliseconds;
                    var calibration = TwoKindCalibration.Learn(features, log.LastDay, options);
                    var t4 = w.ElapsedMilliseconds;
                    var models = new FittedRecommenders(data, options, features, calibration);
                    _ = models.ItemSimilarity;
                    var t5 = w.ElapsedMilliseconds;
                    _ = models.Rules;
                    var t6 = w.ElapsedMilliseconds;
                    Console.WriteLine($"interactions {t1} ms, EASE {t2 - t1} ms ({ease.Size} products), features {t3 - t2} ms, calibration {t4 - t3} ms, cosine {t5 - t4} ms, rules {t6 - t5} ms");
                }
                return;
            }
            if (args.Contains("test"))
            {
                foreach (var date in (DateOnly[])[cutoff, new DateOnly(2011, 6, 8), new DateOnly(2011, 7, 23)])
                {
                    Report($"test, cut {date:yyyy-MM-dd}", log, new RecommendationOptions { Cutoff = date });
                }
                return;
            }
            var before = log.Until(PurchaseLog.ToDay(cutoff));
            var validation = PurchaseLog.ToDate(ReferenceDayFits.ValidationDay(PurchaseLog.ToDay(cutoff)));
            // First the ridge and the decay at 1,000 products, then the product count at the chosen pair (args: products lambda half-life).
            var grid = args.Length > 3
                ? from products in new[] { 500, 700, 1000, 1500 } select (products, double.Parse(args[2], CultureInfo.InvariantCulture), double.Parse(args[3], CultureInfo.InvariantCulture))
                : from products in new[] { 1000 } from lambda in new[] { 50.0, 200, 500 } from half in new[] { 90.0, 180, double.PositiveInfinity } select (products, lambda, half);
            foreach (var (products, lambda, half) in grid)
            {
                Report($"validation, cut {validation:yyyy-MM-dd}, products {products}, lambda {lambda}, half-life {half}", before,
                    new RecommendationOptions { Cutoff = validation, EaseProducts = products, EaseLambda = lambda, EaseHalfLifeDays = half, BootstrapResamples = 0 });
            }
        }
        finally
        {
            File.Delete(work);
        }
    }

    private static void Report(string name, PurchaseLog log, RecommendationOptions options)
    {
        var watch = Stopwatch.StartNew();
        var outcome = RecommendationEvaluator.Evaluate(log, options);
        string Cell(RecommendationMethod m, EvaluationSetting s) => outcome.Rows.FirstOrDefault(r => r.Method == m && r.Setting == s) is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Precision.Value:0.0000} [{r.Precision.Low:0.0000}, {r.Precision.High:0.0000}]") : "-";
        Console.WriteLine($"{name}: {watch.ElapsedMilliseconds} ms");
        Console.WriteLine($"  new items: Discovery {Cell(RecommendationMethod.Discovery, EvaluationSetting.NewItems)}, ItemToItem {Cell(RecommendationMethod.ItemToItem, EvaluationSetting.NewItems)}, RecentPopularity {Cell(RecommendationMethod.RecentPopularity, EvaluationSetting.NewItems)}; margin {F(outcome.Margin)} vs {outcome.BestBaseline}");
        Console.WriteLine($"  all items: BuyAgainAndDiscovery {Cell(RecommendationMethod.BuyAgainAndDiscovery, EvaluationSetting.AllItems)}, BuyAgain {Cell(RecommendationMethod.BuyAgain, EvaluationSetting.AllItems)}, PastFavourites {Cell(RecommendationMethod.PastFavourites, EvaluationSetting.AllItems)}; margin {F(outcome.AllItemsMargin)} vs {outcome.AllItemsBaseline}");
        Console.WriteLine($"  customers: new {outcome.Rows.First(r => r.Setting == EvaluationSetting.NewItems).Customers}, all {outcome.Rows.First(r => r.Setting == EvaluationSetting.AllItems).Customers}; weights: {outcome.Calibration.Describe()}");
    }

    private static string F(MetricInterval m) => string.Create(CultureInfo.InvariantCulture, $"{m.Value:+0.0000;-0.0000} [{m.Low:0.0000}, {m.High:0.0000}]");
}
