using System.Diagnostics;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using Segmenta.Lifetime;
using Xunit.Abstractions;

namespace Segmenta.Tests.Lifetime;

/// <summary>
/// Pareto/NBD where nobody drops out: the likelihood's supremum is the NBD (no dropout) limit, approached along s → 0 or
/// along s, β → ∞ (a common exponential dropout rate s/β → 0), where the 2F1 series needs millions of terms. The fit
/// must stay cheap there and reach the NBD's log-likelihood.
/// </summary>
public sealed class ParetoNbdBoundaryTests(ITestOutputHelper output)
{
    /// <summary>4,000 customers buying at gamma(r = 0.8, α = 10 weeks) Poisson rates for 10 to 52 weeks, never dropping out.</summary>
    internal static SummaryRows NoDropout(int customers, int seed)
    {
        var random = new Random(seed);
        var rate = new Gamma(0.8, 10, random);
        double[] x = new double[customers], tx = new double[customers], t = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            // Whole days in weeks, as the customer summary has them.
            t[i] = Math.Round(10 * 7 + random.NextDouble() * 42 * 7) / 7;
            var lambda = rate.Sample();
            var time = 0.0;
            while (true)
            {
                time += Exponential.Sample(random, lambda);
                var day = Math.Ceiling(time * 7) / 7;
                if (day > t[i])
                {
                    break;
                }
                if (day > tx[i])
                {
                    x[i]++;
                    tx[i] = day;
                }
            }
        }
        return SummaryRows.From(x, tx, t);
    }

    /// <summary>The NBD (Poisson purchases at a gamma rate, no dropout): Γ(r+x)/Γ(r) α^r / (α+T)^(r+x) per customer.</summary>
    private sealed class NbdLikelihood(SummaryRows rows) : ILikelihood
    {
        public int Dimension => 2;

        public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            double r = theta[0], alpha = theta[1], total = 0, dr = 0, dAlpha = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                double x = rows.X[i], w = rows.Weight[i], end = alpha + rows.T[i];
                total += w * (SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) - (r + x) * Math.Log(end));
                dr += w * (SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r) + Math.Log(alpha) - Math.Log(end));
                dAlpha += w * (r / alpha - (r + x) / end);
            }
            if (!gradient.IsEmpty)
            {
                gradient[0] = dr;
                gradient[1] = dAlpha;
            }
            return total;
        }
    }

    [Fact]
    public void A_fit_on_customers_who_never_drop_out_is_fast_and_reaches_the_nbd_limit()
    {
        var rows = NoDropout(4000, seed: 17);
        var nbd = MaximumLikelihood.Fit(new NbdLikelihood(rows), rows.TotalWeight, [[1, 10]]);
        Assert.True(nbd.Converged, nbd.Problem);

        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var fit = ModelFitter.FitCounting(CountingModelKind.ParetoNbd, rows, starts: 3, seed: 42);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        clock.Stop();
        output.WriteLine($"NBD r {nbd.Theta[0]:g6} alpha {nbd.Theta[1]:g6} LL {nbd.LogLikelihood:f4}; Pareto/NBD "
            + $"{string.Join(", ", fit.Parameters.Select(p => $"{p.Name} {p.Value:g6}"))} LL {fit.LogLikelihood:f4} converged "
            + $"{fit.Converged} boundary {fit.AtBoundary} ({fit.Problem}), {clock.Elapsed.TotalSeconds:f2} s wall, {cpu.TotalSeconds:f2} s CPU, {rows.Count} rows");

        Assert.True(fit.LogLikelihood >= nbd.LogLikelihood - 1e-3, $"{fit.LogLikelihood} against the NBD's {nbd.LogLikelihood}");
        // The supremum is a limit (s → 0, or s and β → ∞): a usable fit, flagged as on the boundary.
        Assert.True(fit.Converged, fit.Problem);
        Assert.True(fit.AtBoundary);
        Assert.NotNull(fit.CountingModel);
        // Its purchase process is the NBD's.
        Assert.Equal(nbd.Theta[0], fit.Parameters[0].Value, 1e-2 * nbd.Theta[0]);
        Assert.Equal(nbd.Theta[1], fit.Parameters[1].Value, 1e-2 * nbd.Theta[1]);
    }

    /// <summary>
    /// Per-customer log-likelihood and P(alive) against mpmath at 40 digits: Reference/pareto_nbd_reference.py (the textbook
    /// 2F1 form with mpmath.hyp2f1, mpmath.quad where that does not converge), output kept in pareto_nbd_reference.txt.
    /// Rows: the CDNOW fit (series), the UCI fit at s → 0, s and β → ∞ together, α tiny, α far above β (quadrature).
    /// </summary>
    [Theory]
    [InlineData(0.553, 10.578, 0.606, 11.669, 2.0, 30.43, 38.86, -9.5542832451504057, 0.8691675591530112)]
    [InlineData(0.553, 10.578, 0.606, 11.669, 0.0, 0.0, 38.86, -0.52104629408089037, 0.29528660461689416)]
    [InlineData(0.553, 10.578, 0.606, 11.669, 7.0, 35.71, 38.86, -21.832665020269693, 0.95092005782485185)]
    [InlineData(0.8239, 9.8915, 1e-06, 6132.0, 0.0, 0.0, 40.0, -1.3332142499368983, 0.99999998857311831)]
    [InlineData(0.8239, 9.8915, 1e-06, 6132.0, 25.0, 38.5, 40.0, -41.775251233850881, 0.99999999963082699)]
    [InlineData(0.8589, 11.07, 19000000.0, 55000000000.0, 0.0, 0.0, 52.0, -1.479028413515098, 0.96712571837347326)]
    [InlineData(0.8589, 11.07, 19000000.0, 55000000000.0, 4.0, 20.0, 52.0, -15.1421199877652, 0.92439588621200229)]
    [InlineData(0.8, 10.0, 1000000000.0, 100000000000.0, 150.0, 51.0, 52.0, -17.141882360067806, 0.95836296476214887)]
    [InlineData(0.5, 1e-05, 0.5, 100000.0, 0.0, 0.0, 50.0, -7.712224621129316, 0.99950047321438212)]
    [InlineData(0.5, 1e-05, 0.5, 100000.0, 3.0, 0.5, 50.0, -16.422128001031842, 0.090894368851120968)]
    [InlineData(2.0, 500.0, 1.5, 0.2, 60.0, 45.0, 52.0, -194.29941771576556, 0.72681865192677117)]
    [InlineData(0.3, 40.0, 0.05, 1.0, 1.0, 2.0, 30.0, -5.6146490218737185, 0.83744212587252364)]
    public void The_likelihood_matches_mpmath_from_the_cdnow_fit_to_the_boundaries(
        double r, double alpha, double s, double beta, double x, double tx, double t, double logLikelihood, double alive)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta);
        Assert.Equal(logLikelihood, model.LogLikelihood(x, tx, t), 1e-11 * Math.Max(1, Math.Abs(logLikelihood)));
        Assert.Equal(alive, model.ProbabilityAlive(x, tx, t), 1e-10);
    }

    [Theory]
    // Along s, β → ∞ (s/β = 0.01 per week, then 1e-6), and with α tiny: finite, and the gradient is the value's.
    [InlineData(0.8, 10, 1e4, 1e6)]
    [InlineData(0.8, 10, 1e9, 1e11)]
    [InlineData(0.8, 10, 1e3, 1e9)]
    [InlineData(0.8, 1e-5, 0.5, 1e5)]
    [InlineData(0.8, 10, 1e-6, 6000)]
    public void Far_along_the_boundary_the_likelihood_is_finite_and_agrees_with_its_gradient(double r, double alpha, double s, double beta)
    {
        // Few rows, so that the differences are not drowned by the rounding of a sum over thousands of customers.
        var rows = SummaryRows.From([0, 1, 3, 8, 2, 40], [0, 4, 9, 30, 2, 50], [20, 25, 30, 38, 5, 52]);
        var likelihood = new ParetoNbdLikelihood(rows);
        double[] theta = [r, alpha, s, beta];
        var gradient = new double[4];
        var value = likelihood.Evaluate(theta, gradient);
        Assert.True(double.IsFinite(value));
        for (var j = 0; j < 4; j++)
        {
            // Relative steps (the parameters span 1e-6 to 1e11): the gradient in log θ, as the optimiser uses it.
            var h = 1e-5 * theta[j];
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[j] += h;
            down[j] -= h;
            var numeric = (likelihood.Evaluate(up, []) - likelihood.Evaluate(down, [])) / (2 * h) * theta[j];
            Assert.Equal(numeric, gradient[j] * theta[j], 1e-6 * (1 + Math.Abs(numeric)));
        }
    }
}
