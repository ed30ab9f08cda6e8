using System.Diagnostics;
using System.Globalization;
using Segmenta.Lifetime;
using Segmenta.Store;

namespace Segmenta.Bench;

/// <summary><c>clv-parts DB</c>: where <c>--model auto</c>'s CPU goes, part by part (all data and the 2011-09-09 split), least of 9 repetitions or means of 10 alternated.</summary>
internal static class LifetimeParts
{
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static double Min(int reps, Action action)
    {
        var best = double.PositiveInfinity;
        for (var i = 0; i < reps; i++)
        {
            var before = Cpu();
            action();
            best = Math.Min(best, Cpu() - before);
        }
        return best;
    }

    internal static void Run(string database)
    {
        using var store = SegmentaStore.Open(database);
        var end = store.Scalar<DateTime?>("SELECT max(invoice_date) FROM clean_lines")!.Value;
        var last = DateOnly.FromDateTime(end);
        foreach (var (label, cut) in new[] { ("all", last), ("calibration", new DateOnly(2011, 9, 9)) })
        {
            var summary = CustomerSummary.Build(store, cut, last, 7);
            var rows0 = summary.Rows();
            Console.WriteLine($"{label}: {rows0.Count} rows, {rows0.TotalWeight} customers");
            P("  NBD fit", Min(9, () => NbdLimit.For(summary.Rows())));
            var limit = rows0.Limit;
            foreach (var kind in new[] { CountingModelKind.BgNbd, CountingModelKind.ParetoNbd, CountingModelKind.MbgNbd })
            {
                P($"  {kind} steepest exit", Min(9, () => summary.Rows().Limit.SteepestExit(kind)));
            }
            P("  pareto grid exit", Min(9, () => summary.Rows().Limit.SteepestExitOnGrid(CountingModelKind.ParetoNbd)));
            Console.WriteLine($"    certified {limit.SteepestExit(CountingModelKind.ParetoNbd)} grid {limit.SteepestExitOnGrid(CountingModelKind.ParetoNbd)}");
            {
                var fresh = summary.Rows().Limit;
                fresh.SteepestExit(CountingModelKind.ParetoNbd);
                double certifiedTotal = 0, gridTotal = 0, tailTotal = 0;
                for (var rep = 0; rep < 10; rep++)
                {
                    var c0 = Cpu(); fresh.SteepestExit(CountingModelKind.ParetoNbd); var c1 = Cpu(); fresh.SteepestExitOnGrid(CountingModelKind.ParetoNbd); var c2 = Cpu(); fresh.ParetoSlopeByTail(7.2e10); var c3 = Cpu();
                    certifiedTotal += c1 - c0; gridTotal += c2 - c1; tailTotal += c3 - c2;
                }
                Console.WriteLine($"    warm, mean of 10 alternated: certified {certifiedTotal / 10:0.0000} s, grid {gridTotal / 10:0.0000} s, tail {tailTotal / 10:0.0000} s");
                double firstTotal = 0, secondTotal = 0;
                for (var rep = 0; rep < 10; rep++)
                {
                    var l = NbdLimit.For(rows0);
                    var c0 = Cpu(); l.ParetoSlope(3); var c1 = Cpu(); l.ParetoSlope(4); var c2 = Cpu();
                    firstTotal += c1 - c0; secondTotal += c2 - c1;
                }
                Console.WriteLine($"    first slope {firstTotal / 10:0.0000} s, second {secondTotal / 10:0.0000} s");
                var t0 = Cpu(); for (var rep = 0; rep < 10; rep++) { NbdLimit.For(rows0); } Console.WriteLine($"    NBD fit mean {(Cpu() - t0) / 10:0.0000} s");
            }
            P("  one pareto quadrature slope (x100)", Min(9, () => { for (var i = 0; i < 100; i++) { limit.ParetoSlope(Math.Exp(i * 0.5 - 25)); } }));
            P("  one pareto tail slope", Min(9, () => limit.ParetoSlopeByTail(7e10)));
            var pl = new ParetoNbdLikelihood(rows0);
            var g = new double[4];
            P("  pareto LL+grad at moment start (x10)", Min(9, () => { for (var i = 0; i < 10; i++) { pl.Evaluate([1, 10, 1, 10], g); } }));
            P("  pareto LL+grad near limit (x10)", Min(9, () => { for (var i = 0; i < 10; i++) { pl.Evaluate([0.8, 10, 1e-3, 1e3], g); } }));
            var bl = new BgNbdLikelihood(rows0, false);
            P("  bgnbd LL+grad (x100)", Min(9, () => { for (var i = 0; i < 100; i++) { bl.Evaluate([0.8, 10, 0.1, 3], g); } }));
            foreach (var kind in new[] { CountingModelKind.BgNbd, CountingModelKind.ParetoNbd, CountingModelKind.MbgNbd })
            {
                ModelFit? fit = null;
                P($"  {kind} FitCounting (fresh rows)", Min(9, () => fit = ModelFitter.FitCounting(kind, summary.Rows(), 3, 42)));
                Console.WriteLine($"     iterations {fit!.Iterations} LL {fit.LogLikelihood:R} boundary {fit.AtBoundary}");
            }
            var model = ModelFitter.FitCounting(CountingModelKind.BgNbd, rows0, 3, 42).CountingModel!;
            P("  holdout (bgnbd)", Min(9, () => HoldoutValidation.Compute("bgnbd", model, summary, 13)));
            P("  churn holdout (bgnbd)", Min(9, () => ChurnHoldout.Compute("bgnbd", model, summary, 13)));
            var options = new LifetimeOptions { ObservationEnd = last };
            var spend = ModelFitter.FitSpend(summary.SpendPurchases, summary.SpendMean, 3, 42);
            P("  spend fit", Min(9, () => ModelFitter.FitSpend(summary.SpendPurchases, summary.SpendMean, 3, 42)));
            P("  predictions", Min(9, () => ValuePredictor.Predict(summary, model, spend.SpendModel, options)));
        }
    }

    private static void P(string label, double seconds) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {seconds:0.0000} s CPU"));
}
