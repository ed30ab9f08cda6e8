using Segmenta.Lifetime;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Lifetime;

public sealed class TmpDiagnostics
{
    private sealed class Numeric(ILikelihood inner) : ILikelihood
    {
        public int Dimension => 4;

        public bool HasAnalyticGradient => false;

        public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            var value = inner.Evaluate(theta, []);
            if (gradient.IsEmpty)
            {
                return value;
            }
            Span<double> shifted = stackalloc double[4];
            for (var j = 0; j < 4; j++)
            {
                theta.CopyTo(shifted);
                shifted[j] = theta[j] * Math.Exp(1e-6);
                var up = inner.Evaluate(shifted, []);
                shifted[j] = theta[j] * Math.Exp(-1e-6);
                var down = inner.Evaluate(shifted, []);
                gradient[j] = (up - down) / 2e-6 / theta[j];
            }
            return value;
        }
    }

    [Fact]
    public void Diag()
    {
        using var store = new StoreFixture();
        Segmenta.Loading.Importer.Import(store.Store, RepoPaths.OnlineRetail, new Segmenta.Loading.ImportOptions());
        store.Clean();
        var lines = new List<string>();
        void Log(string line)
        {
            lines.Add(line);
            File.AppendAllText("/tmp/clvui-diag-log.txt", $"{DateTime.UtcNow:HH:mm:ss} {line}\n");
        }
        Log("imported");
        var off = LifetimeStage.Run(store.Store, new LifetimeOptions { Model = ModelChoice.Auto, CalibrationEnd = new DateOnly(2011, 6, 9), ObservationEnd = new DateOnly(2011, 9, 9) });
        foreach (var l in off.Holdout.Select(h => $"OFF {h.Model} {h.FrequencyGroup}: n {h.Customers} act {h.ActualPurchases} pred {h.PredictedPurchases:0.0} naive {h.BaselinePurchases:0.0} mae {h.ModelMae:0.0000}/{h.BaselineMae:0.0000} rmse {h.ModelRmse:0.0000}/{h.BaselineRmse:0.0000}"))
        {
            Log(l);
        }
        foreach (var l in off.Fits.Select(f => $"OFF fit {f.Period} {f.Fit.Name} {string.Join(",", f.Fit.Parameters.Select(p => p.Value))} ll {f.Fit.LogLikelihood} b {f.Fit.AtBoundary}"))
        {
            Log(l);
        }
        var summary = CustomerSummary.Build(store.Store, new DateOnly(2011, 12, 9), new DateOnly(2011, 12, 9), 7);
        var rows = summary.Rows();
        var start = new[] { 1.0, 10, 1, 10 };
        for (var rep = 0; rep < 1; rep++)
        {
            static TimeSpan Cpu() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var c0 = Cpu();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var a = MaximumLikelihood.Fit(new ParetoNbdLikelihood(rows), rows.TotalWeight, [start, [0.8, 8, 1.2, 12], [1.2, 12, 0.8, 8]]);
            var ta = sw.Elapsed.TotalSeconds;
            var ca = (Cpu() - c0).TotalSeconds;
            Log($"analytic done wall {ta:0.00}s cpu {ca:0.00}s");
            c0 = Cpu();
            sw.Restart();
            var n = MaximumLikelihood.Fit(new Numeric(new ParetoNbdLikelihood(rows)), rows.TotalWeight, [start, [0.8, 8, 1.2, 12], [1.2, 12, 0.8, 8]]);
            var tn = sw.Elapsed.TotalSeconds;
            Log($"numeric done wall {tn:0.00}s cpu {(Cpu() - c0).TotalSeconds:0.00}s");
            Log($"TIME analytic {ta:0.000}s ll {a.LogLikelihood} it {a.Iterations} conv {a.Converged} | numeric {tn:0.000}s ll {n.LogLikelihood} it {n.Iterations} conv {n.Converged} rows {rows.Count}");
        }
        var sw2 = System.Diagnostics.Stopwatch.StartNew();
        var auto = LifetimeStage.Run(store.Store, new LifetimeOptions { Model = ModelChoice.Auto });
        Log($"AUTO stage {sw2.Elapsed.TotalSeconds:0.00}s chosen {auto.Chosen}");
        Assert.Fail(string.Join("\n", lines));
    }
}
