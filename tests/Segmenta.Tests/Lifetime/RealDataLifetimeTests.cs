using System.Globalization;
using Segmenta.Lifetime;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Lifetime;

/// <summary>The shared UCI Online Retail data, default cleaning, imported once for the class.</summary>
public sealed class RetailLifetimeFixture : IDisposable
{
    private readonly StoreFixture _store = new();

    public RetailLifetimeFixture()
    {
        Segmenta.Loading.Importer.Import(_store.Store, RepoPaths.OnlineRetail, new Segmenta.Loading.ImportOptions());
        _store.Clean();
        // Calibration ends three months before the last sale (2011-12-09).
        Holdout = LifetimeStage.Run(_store.Store, new LifetimeOptions { Model = ModelChoice.BgNbd, CalibrationEnd = new DateOnly(2011, 9, 9) });
        Calibration = CustomerSummary.Build(_store.Store, new DateOnly(2011, 9, 9), new DateOnly(2011, 12, 9), 7);
        SummerCalibration = CustomerSummary.Build(_store.Store, new DateOnly(2011, 6, 9), new DateOnly(2011, 9, 9), 7);
        // The same three-month split one season earlier, the data cut at 2011-09-09.
        Summer = LifetimeStage.Run(_store.Store, new LifetimeOptions
        {
            Model = ModelChoice.BgNbd, CalibrationEnd = new DateOnly(2011, 6, 9), ObservationEnd = new DateOnly(2011, 9, 9),
        });
    }

    internal LifetimeResult Holdout { get; }

    internal LifetimeResult Summer { get; }

    internal CustomerSummary Calibration { get; }

    internal CustomerSummary SummerCalibration { get; }

    public void Dispose() => _store.Dispose();
}

/// <summary>
/// Holdout validation on the UCI data (docs/lifetime.md explains the reading). The numbers come from
/// Reference/uci_holdout_reference.py: SciPy's own BG/NBD fit, medians and scores on the calibration summaries Segmenta's
/// SQL built (kept in Reference/uci_holdout_summary.csv.gz, which the summary test checks against the SQL).
/// </summary>
public sealed class RealDataLifetimeTests(RetailLifetimeFixture retail, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<RetailLifetimeFixture>
{
    [Fact]
    public void The_holdout_covers_the_3367_calibration_customers_and_their_4459_holdout_purchases()
    {
        var total = Assert.Single(retail.Holdout.Holdout, h => h.FrequencyGroup == "total");
        Assert.Equal(3367, total.Customers);
        Assert.Equal(4459, total.ActualPurchases);
    }

    [Fact]
    public void The_calibration_fit_finds_no_dropout_and_says_so()
    {
        var calibration = Assert.Single(retail.Holdout.Fits, f => f.Period == "calibration");
        Assert.True(calibration.Fit.AtBoundary, $"converged {calibration.Fit.Converged}, problem {calibration.Fit.Problem}, {string.Join(", ", calibration.Fit.Parameters)}");
        Assert.Contains(retail.Holdout.Notes, n => n.Contains("boundary", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CountingModelKind.BgNbd)]
    [InlineData(CountingModelKind.MbgNbd)]
    [InlineData(CountingModelKind.ParetoNbd)]
    public void On_the_calibration_period_each_model_stops_at_the_no_dropout_limit(CountingModelKind kind)
    {
        // Session 6 (docs/lifetime.md): all three calibration fits walked to a = 0 / s = 0, log-likelihood -22,768.35.
        var rows = retail.Calibration.Rows();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var fit = ModelFitter.FitCounting(kind, rows, starts: 3, seed: 42);
        cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var exit = rows.Limit.SteepestExit(kind);
        output.WriteLine($"{kind}: {string.Join(", ", fit.Parameters.Select(p => $"{p.Name} {p.Value:g6}"))} LL {fit.LogLikelihood:f4} converged {fit.Converged} "
            + $"boundary {fit.AtBoundary} ({fit.Problem}); steepest slope {exit.Slope:g4} at {exit.Phi:g4}; {cpu.TotalSeconds:f3} s CPU");
        Assert.True(fit.Converged, fit.Problem);
        Assert.True(fit.AtBoundary);
        Assert.Equal(-22768.35, fit.LogLikelihood, 0.01);
        Assert.IsType<NbdModel>(fit.CountingModel);
    }

    [Fact]
    public void The_model_beats_the_naive_baseline_in_squared_error_of_the_expected_counts()
    {
        // Expected counts scored by RMSE, the error a mean is the best answer for. Reference/uci_holdout_reference.txt
        // (SciPy fit on the same summary): 1.5111 against 1.6662.
        var total = Assert.Single(retail.Holdout.Holdout, h => h.FrequencyGroup == "total");
        Assert.True(total.ModelMeanRmse < total.BaselineMeanRmse, $"model RMSE {total.ModelMeanRmse} vs naive {total.BaselineMeanRmse}");
        Assert.Equal(1.5111, total.ModelMeanRmse, 1e-3);
        Assert.Equal(1.6662, total.BaselineMeanRmse, 1e-3);
    }

    [Fact]
    public void In_absolute_error_the_naive_baseline_still_wins_narrowly_in_the_christmas_holdout()
    {
        // Recorded, not wished for (docs/lifetime.md, "UCI holdout"); numbers from Reference/uci_holdout_reference.txt
        // (SciPy): median forecasts 0.9180 (model) against 0.9151 (naive), expected counts 0.9345 against 0.9191. The
        // holdout (10 September - 9 December) is the Christmas peak: actual purchases 33 % above the stationary model's
        // expectation; the model wins for customers with 1 to 3 repeat purchases and loses for the heaviest buyers; the
        // one-time buyers' median is 0 for both. The paired bootstrap interval of the difference spans 0 (the script).
        var groups = retail.Holdout.Holdout.ToDictionary(h => h.FrequencyGroup);
        Assert.Equal(0.9180, groups["total"].ModelMedianMae, 1e-3);
        Assert.Equal(0.9151, groups["total"].BaselineMedianMae, 1e-3);
        Assert.Equal(0.9345, groups["total"].ModelMeanMae, 1e-3);
        Assert.Equal(0.9191, groups["total"].BaselineMeanMae, 1e-3);
        Assert.All(new[] { "1", "2", "3" }, g => Assert.True(groups[g].ModelMedianMae < groups[g].BaselineMedianMae, $"group {g}: {groups[g]}"));
        Assert.True(groups["7+"].ModelMedianMae > groups["7+"].BaselineMedianMae, groups["7+"].ToString());
        Assert.Equal(groups["0"].BaselineMedianMae, groups["0"].ModelMedianMae);
        Assert.Equal(0, groups["0"].BaselinePurchases);
        // The stage states the outcome in words, for the CLI and the report.
        Assert.Contains(retail.Holdout.Notes, n => n.Contains("median forecast, mean absolute error: 0.9180 against 0.9151 for the naive past rate, the naive baseline wins", StringComparison.Ordinal));
    }

    [Fact]
    public void Three_months_without_christmas_the_model_median_beats_the_naive_baseline()
    {
        // The same length of holdout, one season earlier: calibration to 2011-06-09, holdout to 2011-09-09 (the data
        // cut there). Reference/uci_holdout_reference.txt (SciPy): median forecasts 0.6925 against 0.7483, expected
        // counts by RMSE 1.1920 against 1.4052. Evidence that the loss above is the season, not the scoring.
        var total = Assert.Single(retail.Summer.Holdout, h => h.FrequencyGroup == "total");
        Assert.Equal(2797, total.Customers);
        Assert.Equal(2884, total.ActualPurchases);
        Assert.Equal(0.6925, total.ModelMedianMae, 1e-3);
        Assert.Equal(0.7483, total.BaselineMedianMae, 1e-3);
        Assert.Equal(1.1920, total.ModelMeanRmse, 1e-3);
        Assert.Equal(1.4052, total.BaselineMeanRmse, 1e-3);
    }

    [Theory]
    // Reference/uci_holdout_paired.py (SciPy, its own fit and medians on Reference/uci_holdout_summary.csv.gz, the summary
    // this SQL builds from the shared UCI Online Retail file); its output uci_holdout_paired.txt, lines "sign ... total"
    // and "sign ... first-month": customers where the model's median is closer, where the naive's is, and the sum of the
    // paired differences |model − actual| − |naive − actual|.
    [InlineData("2011-09-09", 175, 236, 10, 34, 99)]
    [InlineData("2011-06-09", 262, 181, -156, 81, 95)]
    public void Paired_per_customer_the_median_errors_match_the_reference_and_say_who_is_closer(
        string calibrationEnd, int modelCloser, int naiveCloser, int sumDifference, int stockModelCloser, int stockNaiveCloser)
    {
        var christmas = calibrationEnd == "2011-09-09";
        var result = christmas ? retail.Holdout : retail.Summer;
        var summary = christmas ? retail.Calibration : retail.SummerCalibration;
        var end = DateOnly.ParseExact(calibrationEnd, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var model = Assert.Single(result.Fits, f => f.Period == "calibration").Fit.CountingModel!;
        var d = HoldoutValidation.MedianErrorDifferences(model, summary, ((christmas ? new DateOnly(2011, 12, 9) : new DateOnly(2011, 9, 9)).DayNumber - end.DayNumber) / 7.0);
        // The mean of the paired differences is the clv-holdout.csv total's difference of median MAEs.
        var total = Assert.Single(result.Holdout, h => h.FrequencyGroup == "total");
        Assert.Equal(total.ModelMedianMae - total.BaselineMedianMae, d.Average(), 1e-12);
        Assert.Equal((modelCloser, naiveCloser, sumDifference), (d.Count(v => v < 0), d.Count(v => v > 0), (int)d.Sum()));
        // The initial stock: customers first seen in the data's first month (December 2010), many of them not new.
        var stock = Enumerable.Range(0, summary.Count).Where(i => end.AddDays(-(int)Math.Round(summary.T[i] * 7)) < new DateOnly(2011, 1, 1)).ToList();
        Assert.Equal((stockModelCloser, stockNaiveCloser), (stock.Count(i => d[i] < 0), stock.Count(i => d[i] > 0)));
        // Exact two-sided sign test on the untied customers.
        var untied = modelCloser + naiveCloser;
        var fewer = Math.Min(modelCloser, naiveCloser);
        var p = Math.Min(1, 2 * MathNet.Numerics.Distributions.Binomial.CDF(0.5, untied, fewer));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{calibrationEnd}: model closer {modelCloser}, naive closer {naiveCloser}, sign test p = {p:g3}, MAE difference {d.Average():+0.0000;-0.0000}"));
        if (christmas)
        {
            // Christmas holdout: a tie in MAE (+0.003 per customer, bootstrap interval −0.029 to +0.028), but the naive's
            // median is closer for more customers (p 0.003), all of it in the initial stock (p 1.5e-8 there).
            Assert.True(p < 0.01, $"p = {p}");
            Assert.True(Math.Abs(d.Average()) < 0.01);
        }
        else
        {
            // Without Christmas the model is closer for more customers (p 0.00014) and wins the MAE.
            Assert.True(p < 0.001 && modelCloser > naiveCloser, $"p = {p}");
        }
    }

    [Theory]
    [InlineData("2011-09-09")]
    [InlineData("2011-06-09")]
    public void Churn_tiers_on_the_holdout_match_the_reference_and_fewer_of_a_riskier_tier_buy(string calibrationEnd)
    {
        // Reference/churn_reference.py (SciPy: its own BG/NBD fit on uci_holdout_summary.csv.gz, the probability of no
        // purchase over the 13 holdout weeks, the tiers, recency tiers of the same sizes, the AUCs): churn_reference.txt.
        var result = calibrationEnd == "2011-09-09" ? retail.Holdout : retail.Summer;
        var reference = ChurnRiskTests.ReferenceLines("tier").Where(p => p[1] == calibrationEnd).ToList();
        Assert.Equal(8, reference.Count);
        foreach (var p in reference)
        {
            var row = Assert.Single(result.ChurnHoldout, r => r.Model == "bgnbd" && r.Ranking == p[2] && r.Tier == p[3]);
            output.WriteLine($"{calibrationEnd} {row.Ranking} {row.Tier}: {row.Buyers}/{row.Customers} bought, AUC {row.Auc}");
            Assert.Equal(long.Parse(p[4], CultureInfo.InvariantCulture), row.Customers);
            Assert.Equal(long.Parse(p[5], CultureInfo.InvariantCulture), row.Buyers);
            if (p[3] == "total")
            {
                Assert.Equal(double.Parse(p[7], CultureInfo.InvariantCulture), row.Auc!.Value, 1e-4);
            }
        }
        double Share(string ranking, string tier) => result.ChurnHoldout.Single(r => r.Model == "bgnbd" && r.Ranking == ranking && r.Tier == tier).BuyerShare!.Value;
        Assert.True(Share("model", "Low") > Share("model", "Medium") && Share("model", "Medium") > Share("model", "High"));
    }

    [Fact]
    public void The_reference_script_read_the_summary_this_sql_builds()
    {
        // Reference/uci_holdout_summary.csv.gz is the input of the SciPy reference: it must be what customer_summary.sql makes.
        using var file = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(RepoPaths.Root, "tests", "Segmenta.Tests", "Lifetime", "Reference", "uci_holdout_summary.csv.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(file);
        var kept = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .Where(f => f[0] == "2011-09-09").ToDictionary(f => f[2], f => (X: double.Parse(f[3], CultureInfo.InvariantCulture),
                Tx: double.Parse(f[4], CultureInfo.InvariantCulture) / 7, T: double.Parse(f[5], CultureInfo.InvariantCulture) / 7, Holdout: double.Parse(f[6], CultureInfo.InvariantCulture)));
        var summary = retail.Calibration;
        Assert.Equal(kept.Count, summary.Count);
        for (var i = 0; i < summary.Count; i++)
        {
            var k = kept[summary.CustomerIds[i]];
            Assert.Equal((k.X, k.Holdout), (summary.X[i], summary.HoldoutPurchases[i]));
            Assert.Equal(k.Tx, summary.Tx[i], 1e-12);
            Assert.Equal(k.T, summary.T[i], 1e-12);
        }
    }

    [Fact]
    public void Every_customer_gets_bounded_predictions()
    {
        // Every customer of the default cleaning (4,333: the features stage's count) gets a prediction.
        Assert.Equal(4333, retail.Holdout.Customers.Count);
        Assert.All(retail.Holdout.Customers, c =>
        {
            Assert.InRange(c.ProbabilityAlive, 0, 1);
            Assert.All(c.ExpectedPurchases, e => Assert.True(double.IsFinite(e) && e >= 0));
            Assert.True(c.Clv is null || c.Clv.All(v => double.IsFinite(v) && v >= 0));
        });
    }
}
