using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.Distributions;
using Segmenta.Lifetime;
using Segmenta.Store;

namespace Segmenta.Bench;

/// <summary>
/// <c>clv DB</c>: times the lifetime stage (SQL summary, fit, predictions, saved tables) on a store made by analyze.
/// <c>clv-1m [N]</c>: draws N customers from a known BG/NBD (in days), fits BG/NBD to them and reports time, peak
/// memory and how far each parameter is from the truth.
/// </summary>
internal static class LifetimeTiming
{
    internal static void RunStore(string database, string model)
    {
        using var store = SegmentaStore.Open(database);
        var choice = model switch { "auto" => ModelChoice.Auto, "pareto-nbd" => ModelChoice.ParetoNbd, "mbgnbd" => ModelChoice.MbgNbd, _ => ModelChoice.BgNbd };
        var times = new List<double>();
        LifetimeResult? result = null;
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            result = LifetimeStage.Run(store, new LifetimeOptions { Model = choice });
            times.Add(watch.Elapsed.TotalSeconds);
        }
        var options = new LifetimeOptions { Model = choice, ObservationEnd = result!.Options.ObservationEnd };
        var parts = Stopwatch.StartNew();
        var summary = CustomerSummary.Build(store, options.ObservationEnd!.Value, options.ObservationEnd!.Value, options.UnitDays);
        var summarised = parts.Elapsed.TotalSeconds;
        var rows = summary.Rows();
        var fit = ModelFitter.FitCounting(CountingModelKind.BgNbd, rows, options.Starts, options.Seed);
        var counted = parts.Elapsed.TotalSeconds;
        var spend = ModelFitter.FitSpend(summary.SpendPurchases, summary.SpendMean, options.Starts, options.Seed);
        var spent = parts.Elapsed.TotalSeconds;
        var values = ValuePredictor.Predict(summary, fit.CountingModel!, spend.SpendModel, options);
        var predicted = parts.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parts: summary SQL {summarised:0.000} s, BG/NBD fit {counted - summarised:0.000} s ({rows.Count} rows), spend fit {spent - counted:0.000} s, predictions {predicted - spent:0.000} s ({values.Count} customers)"));
        FitsAlone("all data", summary);
        // The calibration split of docs/lifetime.md: three months before the last day.
        FitsAlone("calibration", CustomerSummary.Build(store, options.ObservationEnd!.Value.AddMonths(-3), options.ObservationEnd!.Value, options.UnitDays));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lifetime stage ({model}) on {result!.Customers.Count} customers: first {times[0]:0.000} s, best of the next 3 {times.Skip(1).Min():0.000} s"));
    }

    /// <summary>Each counting fit alone on fresh rows (the NBD limit and its slope check included), CPU of the process.</summary>
    private static void FitsAlone(string label, CustomerSummary summary)
    {
        var options = new LifetimeOptions();
        foreach (var kind in new[] { CountingModelKind.BgNbd, CountingModelKind.ParetoNbd, CountingModelKind.MbgNbd })
        {
            var rows = summary.Rows();
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var alone = Stopwatch.StartNew();
            var limit = rows.Limit;
            var exit = limit.SteepestExit(kind);
            var checkedAt = Process.GetCurrentProcess().TotalProcessorTime;
            if (kind == CountingModelKind.ParetoNbd)
            {
                var probe = Stopwatch.StartNew();
                var tail = limit.ParetoSlopeByTail(exit.Phi);
                var tailTime = probe.Elapsed.TotalSeconds;
                probe.Restart();
                var slope = limit.ParetoSlope(exit.Phi * 1.01);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    one slope by tail {tailTime:0.0000} s, one quadrature slope {probe.Elapsed.TotalSeconds:0.0000} s ({tail:g3}, {slope:g3}, at beta {exit.Phi:g4})"));
            }
            var each = ModelFitter.FitCounting(kind, rows, options.Starts, options.Seed);
            var after = Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label} {each.Name}: {alone.Elapsed.TotalSeconds:0.000} s wall, {(after - before).TotalSeconds:0.000} s CPU (NBD + slope check {(checkedAt - before).TotalSeconds:0.000} s, slope {exit.Slope:g3}), LL {each.LogLikelihood:0.##}, {each.Iterations} iterations, at boundary {each.AtBoundary}, {string.Join(" ", each.Parameters.Select(q => $"{q.Name}={q.Value:g5}"))}"));
        }
    }

    internal static void RunSynthetic(int customers)
    {
        double r = 0.5, alpha = 20, a = 0.8, b = 2.5;
        var watch = Stopwatch.StartNew();
        var (x, tx, t) = Draw(customers, r, alpha, a, b, seed: 20251129);
        var drawn = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var rows = SummaryRows.From(x, tx, t);
        var grouped = watch.Elapsed.TotalSeconds;
        var fit = ModelFitter.FitCounting(CountingModelKind.BgNbd, rows, starts: 3, seed: 42);
        var fitOnly = watch.Elapsed.TotalSeconds - grouped;
        var model = fit.CountingModel!;
        var expected = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            expected += rows.Weight[i] * model.ExpectedPurchases(365, rows.X[i], rows.Tx[i], rows.T[i]);
        }
        var fitted = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{customers:N0} customers drawn in {drawn:0.00} s; {rows.Count:N0} unique rows grouped in {grouped:0.00} s; fit {fitOnly:0.00} s; predictions {fitted - grouped - fitOnly:0.00} s; total after drawing {fitted:0.00} s; converged {fit.Converged}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB"));
        double[] truth = [r, alpha, a, b];
        for (var j = 0; j < 4; j++)
        {
            var p = fit.Parameters[j];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Name}: true {truth[j]}, fitted {p.Value:0.#####} (se {p.StandardError:0.#####}), error {(p.Value - truth[j]) / truth[j] * 100:+0.00;-0.00} %"));
        }
    }

    /// <summary>
    /// Exactly the BG/NBD story in continuous time: each customer is observed for T uniform in 30..730 days after the
    /// first purchase; purchases follow a Poisson process at rate λ ~ gamma(r, α); after each repeat purchase the
    /// customer leaves with probability p ~ beta(a, b). (Reading times by whole days instead merges same-day purchases
    /// of the fastest buyers and biases α by several per cent at these rates.)
    /// </summary>
    private static (double[] X, double[] Tx, double[] T) Draw(int n, double r, double alpha, double a, double b, int seed)
    {
        var random = new Random(seed);
        var rates = new Gamma(r, alpha, random);
        var dropouts = new Beta(a, b, random);
        double[] x = new double[n], tx = new double[n], t = new double[n];
        for (var i = 0; i < n; i++)
        {
            var end = 30 + random.NextDouble() * 700;
            var lambda = rates.Sample();
            var p = dropouts.Sample();
            double now = 0, last = 0;
            var count = 0;
            while (true)
            {
                now += -Math.Log(1 - random.NextDouble()) / lambda;
                if (now >= end)
                {
                    break;
                }
                count++;
                last = now;
                if (random.NextDouble() < p)
                {
                    break;
                }
            }
            x[i] = count;
            tx[i] = last;
            t[i] = end;
        }
        return (x, tx, t);
    }
}
