using System.Diagnostics;
using System.Globalization;
using Segmenta.Lifetime;
using Xunit.Abstractions;

namespace Segmenta.Tests.Lifetime;

/// <summary>
/// The no-dropout limit fitted directly (NbdLimit): BG/NBD and MBG/NBD at a → 0 and Pareto/NBD at s → 0 are the NBD
/// (Fader, Hardie &amp; Lee 2005, equation 3; Batislam, Denizel &amp; Filiztekin 2007; Fader &amp; Hardie 2005, "A note on
/// deriving the Pareto/NBD model"). The limit is a maximum when no slope D(φ) = ∂LL/∂shape at shape 0 is positive
/// (the first-order condition of a maximum on the face shape = 0).
/// </summary>
public sealed class NbdLimitTests(CdnowFixture cdnow, ITestOutputHelper output) : IClassFixture<CdnowFixture>
{
    private static double ModelLogLikelihood(CountingModelKind kind, SummaryRows rows, double r, double alpha, double shape, double phi)
    {
        ILikelihood likelihood = kind == CountingModelKind.ParetoNbd ? new ParetoNbdLikelihood(rows) : new BgNbdLikelihood(rows, kind == CountingModelKind.MbgNbd);
        return likelihood.Evaluate([r, alpha, shape, phi], []);
    }

    /// <summary>
    /// A few customers whose dead-to-alive ratios ((α+T)/(α+t_x))^(r+x) stay moderate, so that the likelihood is linear in
    /// the shape over the differences' step (on CDNOW they reach 1e20 and the step would have to be far smaller).
    /// </summary>
    private static SummaryRows Moderate() => SummaryRows.From(
        [0, 0, 1, 1, 2, 3, 5, 2, 0, 4],
        [0, 0, 5, 28, 10, 20, 30, 18, 0, 33],
        [30, 12, 30, 30, 25, 40, 35, 22, 45, 36]);

    [Theory]
    [InlineData(CountingModelKind.BgNbd, 0.5)]
    [InlineData(CountingModelKind.BgNbd, 3)]
    [InlineData(CountingModelKind.BgNbd, 40)]
    [InlineData(CountingModelKind.MbgNbd, 0.5)]
    [InlineData(CountingModelKind.MbgNbd, 3)]
    [InlineData(CountingModelKind.MbgNbd, 40)]
    [InlineData(CountingModelKind.ParetoNbd, 2)]
    [InlineData(CountingModelKind.ParetoNbd, 11)]
    [InlineData(CountingModelKind.ParetoNbd, 300)]
    public void The_slope_out_of_the_limit_is_the_derivative_of_the_model_at_shape_0(CountingModelKind kind, double phi)
    {
        var rows = Moderate();
        var limit = rows.Limit;
        Assert.True(limit.Usable, limit.Fit.Problem);
        // The model at a tiny shape is the NBD.
        Assert.Equal(limit.LogLikelihood, ModelLogLikelihood(kind, rows, limit.R, limit.Alpha, 1e-13, phi), 1e-9);
        // One-sided differences (the shape cannot go below 0), Richardson-extrapolated: 2 f(ε) − f(2ε).
        const double epsilon = 1e-6;
        double Difference(double h) => (ModelLogLikelihood(kind, rows, limit.R, limit.Alpha, h, phi) - limit.LogLikelihood) / h;
        var expected = 2 * Difference(epsilon) - Difference(2 * epsilon);
        var slope = limit.Slope(kind, phi);
        output.WriteLine($"{kind} phi {phi}: slope {slope:g10}, differences {expected:g10}");
        Assert.Equal(expected, slope, 1e-4 * Math.Abs(expected) + 1e-7);
    }

    [Fact]
    public void The_fast_pareto_slope_agrees_with_the_validated_likelihood_code_over_the_whole_range()
    {
        // ParetoSlope (quadrature with fixed nodes) against the s-gradient of ParetoNbdTail.LogTail (mpmath-checked) at
        // s = 1e-12, from β = e^-12.5 to e^25, on the UCI calibration summary and the moderate rows. (On CDNOW some dead-to-
        // alive ratios reach 1e20, where s = 1e-12 is no longer "0" for the likelihood code.)
        foreach (var rows in new[] { UciCalibration(), Moderate() })
        {
            var limit = rows.Limit;
            // Below β = e^-12.5 the reference's s = 1e-12 is no longer small against β (s/β > 3e-7): compared from there up.
            for (var u = -12.5; u <= 25; u += 2.5)
            {
                double fast = limit.ParetoSlope(Math.Exp(u)), reference = limit.ParetoSlopeByTail(Math.Exp(u));
                output.WriteLine($"{rows.TotalWeight} customers, beta e^{u}: {fast:g12} against {reference:g12}");
                Assert.Equal(reference, fast, 1e-6 * Math.Abs(reference) + 1e-9 * rows.TotalWeight);
            }
        }
    }

    [Theory]
    [InlineData(CountingModelKind.BgNbd)]
    [InlineData(CountingModelKind.MbgNbd)]
    [InlineData(CountingModelKind.ParetoNbd)]
    public void On_the_cdnow_sample_the_limit_is_not_a_maximum_and_the_fit_stays_inside(CountingModelKind kind)
    {
        // The published fits (CdnowPublishedFitTests) have dropout: the likelihood rises out of the no-dropout limit.
        var exit = cdnow.Rows.Limit.SteepestExit(kind);
        output.WriteLine($"{kind}: steepest slope {exit.Slope:g6} at {exit.Phi:g6}");
        Assert.True(exit.Slope > 1, $"{exit.Slope}");
    }

    /// <summary>The UCI calibration summary (2011-09-09) kept for the SciPy reference (RealDataLifetimeTests checks it is the SQL's).</summary>
    private static SummaryRows UciCalibration()
    {
        using var file = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(Support.RepoPaths.Root, "tests", "Segmenta.Tests", "Lifetime", "Reference", "uci_holdout_summary.csv.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(file);
        var rows = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).Where(f => f[0] == "2011-09-09")
            .Select(f => (X: double.Parse(f[3], CultureInfo.InvariantCulture), Tx: double.Parse(f[4], CultureInfo.InvariantCulture) / 7, T: double.Parse(f[5], CultureInfo.InvariantCulture) / 7))
            .ToList();
        return SummaryRows.From([.. rows.Select(r => r.X)], [.. rows.Select(r => r.Tx)], [.. rows.Select(r => r.T)]);
    }

    [Theory]
    [InlineData(CountingModelKind.BgNbd)]
    [InlineData(CountingModelKind.MbgNbd)]
    [InlineData(CountingModelKind.ParetoNbd)]
    public void Without_seen_dropout_the_fit_stops_at_the_nbd_limit_and_says_so(CountingModelKind kind)
    {
        // Session 6 (docs/lifetime.md): on the UCI calibration period all three fits walked to a = 0 / s = 0 (LL -22,768.35).
        var rows = UciCalibration();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var limit = rows.Limit;
        var fitted = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var exit = limit.SteepestExit(kind);
        var checkedAt = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Assert.True(exit.Slope <= MaximumLikelihood.GradientTolerance * rows.TotalWeight, $"slope {exit.Slope} at {exit.Phi}");

        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var fit = ModelFitter.FitCounting(kind, rows, starts: 3, seed: 42);
        var fast = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine($"{kind}: limit r {limit.R:g6} alpha {limit.Alpha:g6} LL {limit.LogLikelihood:f4} (NBD fit {fitted.TotalSeconds:f3} s CPU, "
            + $"slope check {checkedAt.TotalSeconds:f3} s: {exit.Slope:g3} at {exit.Phi:g3}); whole fit {fast.TotalSeconds:f3} s CPU");
        if (kind != CountingModelKind.ParetoNbd)
        {
            // The walk the optimiser took before (no limit fitted): it ends no higher than the limit, at the same value.
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var walk = MaximumLikelihood.Fit(new BgNbdLikelihood(rows, kind == CountingModelKind.MbgNbd), rows.TotalWeight, [[1, 10, 1, 1]]);
            var slow = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            output.WriteLine($"  walk {string.Join(", ", walk.Theta.Select(v => v.ToString("g4", CultureInfo.InvariantCulture)))} LL {walk.LogLikelihood:f4} ({walk.Iterations} iterations, {slow.TotalSeconds:f3} s CPU)");
            Assert.True(walk.LogLikelihood <= limit.LogLikelihood + 1e-6, $"{walk.LogLikelihood} above the limit's {limit.LogLikelihood}");
            Assert.Equal(walk.LogLikelihood, limit.LogLikelihood, 1e-3);
        }

        Assert.True(fit.Converged, fit.Problem);
        Assert.True(fit.AtBoundary);
        Assert.Equal(limit.LogLikelihood, fit.LogLikelihood);
        Assert.Equal(-22768.35, fit.LogLikelihood, 0.01);
        Assert.Equal(new[] { limit.R, limit.Alpha, 0 }, fit.Parameters.Take(3).Select(p => p.Value).ToArray());
        // b (β) has no effect at a = 0 (s = 0): not identified, no value and no standard error.
        Assert.True(double.IsNaN(fit.Parameters[3].Value));
        Assert.All(fit.Parameters, p => Assert.Null(p.StandardError));
        // The first start reached the verified limit; the other two are not run.
        Assert.Equal((1, 1), fit.Starts);
        var model = Assert.IsType<NbdModel>(fit.CountingModel);
        Assert.Equal(kind, model.Kind);
    }

    [Fact]
    public void The_pareto_cell_bound_lies_above_the_slope_everywhere_inside_the_cell()
    {
        // Session 9: CertifiedParetoMaximum proves D(β) ≤ threshold on a cell [u1, u2] of log β from D and N at its ends
        // (D = P − N with P, N falling in u; |D''| ≤ P + N: Stieltjes transforms, docs/lifetime.md). Checked here by
        // sampling D inside cells of widths 1, 1/2 and 1/8 over the whole range, on the UCI calibration summary and the
        // moderate rows; a bound below a sampled value would make the proof wrong.
        foreach (var rows in new[] { UciCalibration(), Moderate() })
        {
            var limit = rows.Limit;
            var tightest = double.PositiveInfinity;
            foreach (var h in new[] { 1.0, 0.5, 0.125 })
            {
                for (var u1 = -25.0; u1 + h <= 25 + 1e-9; u1 += h * 7)
                {
                    var u2 = u1 + h;
                    var bound = NbdLimit.CellBound(h, limit.ParetoSlopeParts(Math.Exp(u1)), limit.ParetoSlopeParts(Math.Exp(u2)));
                    for (var j = 1; j < 8; j++)
                    {
                        var inside = limit.ParetoSlope(Math.Exp(u1 + h * j / 8));
                        Assert.True(inside <= bound + 1e-9 * Math.Abs(inside) + 1e-12, $"{rows.TotalWeight} customers, cell [{u1}, {u2}]: D {inside} above the bound {bound}");
                        tightest = Math.Min(tightest, bound - inside);
                    }
                }
            }
            output.WriteLine($"{rows.TotalWeight} customers: smallest margin of a bound over a sampled slope {tightest:g4}");
        }
    }

    [Fact]
    public void The_certified_pareto_check_says_what_the_full_grid_says_with_a_third_of_the_evaluations()
    {
        // Where the proof succeeds (UCI calibration: the limit is a maximum) the grid's values can only agree; where it
        // cannot (CDNOW, the moderate rows: the likelihood rises out of the limit) the grid decides, exactly as before.
        foreach (var (name, rows, isMaximum) in new[] { ("uci", UciCalibration(), true), ("cdnow", cdnow.Rows, false), ("moderate", Moderate(), false) })
        {
            var limit = rows.Limit;
            var tolerance = NbdLimit.FaceTolerance(rows);
            var fast = limit.SteepestExit(CountingModelKind.ParetoNbd);
            var grid = limit.SteepestExitOnGrid(CountingModelKind.ParetoNbd);
            output.WriteLine($"{name}: certified path {fast.Slope:g6} at {fast.Phi:g6}, grid {grid.Slope:g6} at {grid.Phi:g6}");
            Assert.Equal(isMaximum, fast.Slope <= tolerance);
            Assert.Equal(isMaximum, grid.Slope <= tolerance);
            if (!isMaximum)
            {
                Assert.Equal(grid, fast);
            }
            else
            {
                // Both steepest points are at the top of the range, where D → 0 from below.
                Assert.Equal(grid.Slope, fast.Slope, 1e-6 * Math.Abs(grid.Slope));
            }
        }
    }

    [Fact]
    public void The_nbd_model_is_the_limit_of_each_model()
    {
        const double r = 0.7, alpha = 9, tiny = 1e-10;
        ICountingModel[] models = [new BgNbdModel(r, alpha, tiny, 4), new MbgNbdModel(r, alpha, tiny, 4), new ParetoNbdModel(r, alpha, tiny, 12)];
        foreach (var model in models)
        {
            var limit = new NbdModel(model.Kind, r, alpha);
            foreach (var (x, tx, t) in new[] { (0.0, 0.0, 30.0), (1, 5, 30), (6, 20, 38) })
            {
                Assert.Equal(model.LogLikelihood(x, tx, t), limit.LogLikelihood(x, tx, t), 1e-8);
                Assert.Equal(model.ProbabilityAlive(x, tx, t), limit.ProbabilityAlive(x, tx, t), 1e-8);
                Assert.Equal(model.ExpectedPurchases(13, x, tx, t), limit.ExpectedPurchases(13, x, tx, t), 1e-7);
                for (var k = 0; k < 4; k++)
                {
                    Assert.Equal(model.ProbabilityOfPurchases(k, 13, x, tx, t), limit.ProbabilityOfPurchases(k, 13, x, tx, t), 1e-7);
                }
            }
        }
    }
}
