using CsCheck;
using Segmenta.Lifetime;

namespace Segmenta.Tests.Lifetime;

public sealed class ModelInvariantTests
{
    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(1, -1, 1, 1)]
    [InlineData(1, 1, double.NaN, 1)]
    [InlineData(1, 1, 1, double.PositiveInfinity)]
    public void A_model_refuses_parameters_that_are_not_finite_and_positive(double r, double alpha, double a, double b)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(r, alpha, a, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoNbdModel(r, alpha, a, b));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MbgNbdModel(r, alpha, a, b));
    }

    [Fact]
    public void A_summary_with_the_last_purchase_after_the_end_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(1, 1, 1, 1).ProbabilityAlive(2, 10, 5));

    [Fact]
    public void P_alive_lies_in_0_to_1_and_expected_purchases_grow_with_the_horizon()
    {
        ICountingModel[] models = [new BgNbdModel(0.243, 4.414, 0.793, 2.426), new ParetoNbdModel(0.553, 10.578, 0.606, 11.669), new MbgNbdModel(0.525, 6.183, 0.891, 1.614)];
        Gen.Select(Gen.Int[0, 40], Gen.Double[0, 1], Gen.Double[0.1, 80], Gen.Double[1, 100]).Sample((x, share, t, horizon) =>
        {
            var tx = x == 0 ? 0 : share * t;
            foreach (var model in models)
            {
                var alive = model.ProbabilityAlive(x, tx, t);
                Assert.InRange(alive, 0, 1);
                Assert.True(model.ExpectedPurchases(horizon, x, tx, t) <= model.ExpectedPurchases(horizon * 1.5, x, tx, t) + 1e-12);
            }
        });
    }

    [Fact]
    public void Summary_rows_do_not_depend_on_the_order_of_the_customers()
    {
        double[] x = [0, 2, 2, 5, 0], tx = [0, 3, 3, 7, 0], t = [10, 12, 12, 20, 10];
        var forward = SummaryRows.From(x, tx, t);
        var backward = SummaryRows.From([.. x.Reverse()], [.. tx.Reverse()], [.. t.Reverse()]);
        Assert.Equal(forward.X, backward.X);
        Assert.Equal(forward.Weight, backward.Weight);
        Assert.Equal([2.0, 2.0, 1.0], forward.Weight);
    }

    [Fact]
    public void Analytic_gradients_agree_with_differences()
    {
        var rows = SummaryRows.From([0, 1, 3, 8, 2], [0, 4, 9, 30, 2], [20, 25, 30, 38, 5]);
        foreach (var (likelihood, theta) in new (ILikelihood, double[])[]
        {
            (new BgNbdLikelihood(rows, modified: false), [0.7, 3.5, 0.9, 2.1]),
            (new BgNbdLikelihood(rows, modified: true), [0.7, 3.5, 0.9, 2.1]),
            // Pareto/NBD with α > β and with α < β: the two forms of its 2F1 term.
            (new ParetoNbdLikelihood(rows), [0.55, 10.6, 0.6, 11.7]),
            (new ParetoNbdLikelihood(rows), [0.8, 6.0, 1.3, 2.5]),
        })
        {
            var gradient = new double[4];
            likelihood.Evaluate(theta, gradient);
            for (var j = 0; j < 4; j++)
            {
                var up = (double[])theta.Clone();
                var down = (double[])theta.Clone();
                up[j] += 1e-6;
                down[j] -= 1e-6;
                var numeric = (likelihood.Evaluate(up, []) - likelihood.Evaluate(down, [])) / 2e-6;
                Assert.Equal(numeric, gradient[j], 1e-5 * (1 + Math.Abs(numeric)));
            }
        }
    }

    /// <summary>
    /// log 2F1(a, b; a + 1; z) against mpmath at 30 digits (python3-mpmath:
    /// <c>mp.log(mp.hyp2f1(a, b, a + 1, z))</c>), including z near 1 where the direct series needs ~10⁶ terms or
    /// overflows (scipy's hyp2f1 returns inf for the second row).
    /// </summary>
    [Theory]
    [InlineData(1.5, 1.2, 0.3, 0.25000603276985949)]
    [InlineData(200.8, 200.3, 0.999, 1376.7231176975094)]
    [InlineData(3.1, 1.6, 0.99999, 8.5463719040577754)]
    [InlineData(0.9, 1.4, 0.5, 0.44523833561724075)]
    [InlineData(150.5, 1.5, 0.9999, 10.101701508923905)]
    public void The_Pareto_2F1_matches_mpmath_up_to_z_near_1(double a, double b, double z, double expectedLog)
    {
        var (log, _, _, _) = Hypergeometric.LogAPlusOne(a, b, z);
        Assert.Equal(expectedLog, log, 1e-12 * Math.Max(1, Math.Abs(expectedLog)));
    }

    [Theory]
    [InlineData(2.3, 1.6, 0.42)]
    [InlineData(40.7, 1.3, 0.995)]
    [InlineData(1.9, 2.4, 0.9)]
    public void The_Pareto_2F1_derivatives_agree_with_differences(double a, double b, double z)
    {
        const double h = 1e-6;
        var (log, da, db, dz) = Hypergeometric.LogAPlusOne(a, b, z);
        Assert.Equal(Math.Log(Hypergeometric.Series(a, b, a + 1, z)), log, 1e-12 * Math.Max(1, Math.Abs(log)));
        double Log(double aa, double bb, double zz) => Hypergeometric.LogAPlusOne(aa, bb, zz).Log;
        Assert.Equal((Log(a + h, b, z) - Log(a - h, b, z)) / (2 * h), da, 1e-6 * (1 + Math.Abs(da)));
        Assert.Equal((Log(a, b + h, z) - Log(a, b - h, z)) / (2 * h), db, 1e-6 * (1 + Math.Abs(db)));
        Assert.Equal((Log(a, b, z + h) - Log(a, b, z - h)) / (2 * h), dz, 1e-6 * (1 + Math.Abs(dz)));
        // At z = 0 the series is 1 and its z-derivative is the first coefficient a·b/(a + 1).
        Assert.Equal(a * b / (a + 1), Hypergeometric.LogAPlusOne(a, b, 0).DZ, 1e-15);
    }

    [Theory]
    [InlineData(0, 0, 0, 30)]
    [InlineData(2, 10, 30, 39)]
    [InlineData(7, 25, 26, 39)]
    [InlineData(1, 1, 38, 13)]
    public void Purchase_probabilities_sum_to_one_and_their_mean_is_the_expected_purchases(double x, double tx, double t, double horizon)
    {
        ICountingModel[] models = [new BgNbdModel(0.243, 4.414, 0.793, 2.426), new ParetoNbdModel(0.553, 10.578, 0.606, 11.669), new MbgNbdModel(0.525, 6.183, 0.891, 1.614)];
        foreach (var model in models)
        {
            var probabilities = Enumerable.Range(0, 400).Select(k => model.ProbabilityOfPurchases(k, horizon, x, tx, t)).ToArray();
            Assert.All(probabilities, p => Assert.InRange(p, 0, 1));
            Assert.Equal(1, probabilities.Sum(), 1e-8);
            var mean = probabilities.Select((p, k) => p * k).Sum();
            Assert.Equal(model.ExpectedPurchases(horizon, x, tx, t), mean, 1e-7);
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.5, 0)]
    [InlineData(0.7, 1)]
    [InlineData(1, 1)]
    [InlineData(3.2, 3)]
    [InlineData(40, 40)]
    public void The_baseline_median_is_the_poisson_median_of_the_past_rate(double mean, int median) =>
        // Poisson medians: P(0) = e^-0.5 = 0.607 ≥ 0.5 for a mean of 0.5, P(0) = e^-0.7 = 0.497 < 0.5 for 0.7; for a mean
        // of 3.2 the cumulative reaches 0.603 at 3; for an integer mean the median is the mean.
        Assert.Equal(median, HoldoutValidation.PoissonMedian(mean));

    [Fact]
    public void A_fit_on_data_without_repeat_purchases_is_refused()
    {
        var rows = SummaryRows.From([0, 0, 0], [0, 0, 0], [5, 6, 7]);
        Assert.Throws<SegmentaException>(() => ModelFitter.FitCounting(CountingModelKind.BgNbd, rows, 1, 1));
    }
}
