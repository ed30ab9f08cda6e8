using Segmenta.Lifetime;

namespace Segmenta.Tests.Lifetime;

/// <summary>
/// Golden numbers from an independent implementation: Reference/cdnow_reference.py (SciPy 1.10 from Debian's
/// python3-scipy: scipy.optimize for the fits, scipy.special.hyp2f1 for the expectations), whose output is kept in
/// Reference/cdnow_reference.txt. The script builds its own customer summary from the raw CDNOW sample.
/// </summary>
public sealed class CdnowReferenceTests(CdnowFixture cdnow) : IClassFixture<CdnowFixture>
{
    // Published parameters, as the script uses them for the conditional expectations.
    private static readonly BgNbdModel BgNbd = new(0.243, 4.414, 0.793, 2.426);
    private static readonly ParetoNbdModel ParetoNbd = new(0.553, 10.578, 0.606, 11.669);
    private static readonly MbgNbdModel MbgNbd = new(0.525, 6.183, 0.891, 1.614);
    private static readonly GammaGammaModel GammaGamma = new(6.25, 3.74, 15.44);

    [Theory]
    [InlineData(CountingModelKind.BgNbd, new[] { 0.242594527, 4.41360233, 0.792922064, 2.42590686 }, -9582.429207)]
    [InlineData(CountingModelKind.ParetoNbd, new[] { 0.553277049, 10.5776838, 0.606240175, 11.6687411 }, -9594.976179)]
    [InlineData(CountingModelKind.MbgNbd, new[] { 0.524843065, 6.18308453, 0.891359424, 1.61400254 }, -9582.135716)]
    public void Fits_agree_with_scipy(CountingModelKind kind, double[] parameters, double logLikelihood)
    {
        var fit = cdnow.Fit(kind);
        Assert.True(fit.Converged, fit.Problem);
        for (var i = 0; i < parameters.Length; i++)
        {
            Assert.Equal(parameters[i], fit.Parameters[i].Value, parameters[i] * 1e-4);
        }
        Assert.Equal(logLikelihood, fit.LogLikelihood, 1e-4);
    }

    [Fact]
    public void GammaGamma_fit_agrees_with_scipy()
    {
        var fit = cdnow.SpendFit;
        double[] expected = [6.24957291, 3.74422452, 15.4435188];
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], fit.Parameters[i].Value, expected[i] * 1e-4);
        }
        Assert.Equal(-4055.917695, fit.LogLikelihood, 1e-4);
    }

    [Theory]
    // name, x, t_x, T, horizon, then P(alive) and E[purchases] for BG/NBD, Pareto/NBD, MBG/NBD (cdnow_reference.txt).
    [InlineData(2, 30.43, 38.86, 39, 0.726578570081, 1.22602817477, 0.869167559153, 1.45512319326, 0.706202265118, 1.26296062327)]
    [InlineData(0, 0, 38.86, 52, 1, 0.252073022282, 0.295286604617, 0.136201005924, 0.389735080919, 0.197705817416)]
    [InlineData(7, 35.71, 38.86, 39, 0.860067124689, 4.47224220401, 0.950920057825, 4.70987013669, 0.848546451736, 4.31625110022)]
    [InlineData(5, 10.0, 38.0, 26, 0.0274815796631, 0.075534048415, 0.0517538180124, 0.134555323951, 0.0280697009853, 0.0769406549971)]
    [InlineData(1, 1.0, 2.0, 52, 0.712487021486, 3.49017752413, 0.952107342146, 3.49076405019, 0.706308323082, 3.3087984119)]
    public void Conditional_expectations_agree_with_scipy(double x, double tx, double t, double horizon,
        double bgAlive, double bgPurchases, double pnAlive, double pnPurchases, double mbAlive, double mbPurchases)
    {
        AssertRelative(bgAlive, BgNbd.ProbabilityAlive(x, tx, t));
        AssertRelative(bgPurchases, BgNbd.ExpectedPurchases(horizon, x, tx, t));
        AssertRelative(pnAlive, ParetoNbd.ProbabilityAlive(x, tx, t));
        AssertRelative(pnPurchases, ParetoNbd.ExpectedPurchases(horizon, x, tx, t));
        AssertRelative(mbAlive, MbgNbd.ProbabilityAlive(x, tx, t));
        AssertRelative(mbPurchases, MbgNbd.ExpectedPurchases(horizon, x, tx, t));
    }

    [Theory]
    [InlineData(1, 20.0, 24.638487208)]
    [InlineData(4, 35.5, 35.4722422495)]
    [InlineData(10, 12.0, 12.9751686082)]
    public void Expected_spend_agrees_with_scipy(double x, double m, double expected) =>
        AssertRelative(expected, GammaGamma.ExpectedSpend(x, m)!.Value);

    [Fact]
    public void Holdout_total_of_the_fitted_BgNbd_agrees_with_scipy()
    {
        var model = cdnow.Fit(CountingModelKind.BgNbd).CountingModel!;
        var s = cdnow.Summary;
        var total = Enumerable.Range(0, s.Count).Sum(i => model.ExpectedPurchases(39, s.X[i], s.Tx[i], s.T[i]));
        Assert.Equal(1653.40867, total, 1653.4 * 1e-5);
        Assert.Equal(1882, s.HoldoutPurchases.Sum());
    }

    private static void AssertRelative(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
