using Segmenta.Lifetime;

namespace Segmenta.Tests.Lifetime;

/// <summary>
/// The published fits on the CDNOW sample (2,357 customers, weeks, calibration to 1997-09-30, same-day purchases merged):
/// BG/NBD from Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way", Marketing Science 24(2);
/// Pareto/NBD and Gamma-Gamma from Fader &amp; Hardie's notes on the same sample ("A note on deriving the Pareto/NBD
/// model and related expressions", 2005; "The Gamma-Gamma model of monetary value", 2013), as listed in
/// ../shared/data/README.md. The published values are rounded (r = 0.243 stands for 0.2426), so each is checked within
/// 1e-3 relative or half a unit of its last published digit, whichever is wider; the unrounded values are checked
/// against SciPy in <see cref="CdnowReferenceTests"/>.
/// </summary>
public sealed class CdnowPublishedFitTests(CdnowFixture cdnow) : IClassFixture<CdnowFixture>
{
    [Fact]
    public void The_summary_has_the_2357_customers_and_946_repeat_buyers()
    {
        Assert.Equal(2357, cdnow.Summary.Count);
        Assert.Equal(946, cdnow.Summary.X.Count(x => x > 0));
        Assert.Equal(946, cdnow.Summary.SpendPurchases.Count(x => x > 0));
    }

    [Fact]
    public void BgNbd_reproduces_the_published_fit()
    {
        var fit = cdnow.Fit(CountingModelKind.BgNbd);
        Assert.True(fit.Converged, fit.Problem);
        AssertPublished(["0.243", "4.414", "0.793", "2.426"], fit.Parameters);
        AssertPublished("-9582.4", fit.LogLikelihood);
    }

    [Fact]
    public void ParetoNbd_reproduces_the_published_fit()
    {
        var fit = cdnow.Fit(CountingModelKind.ParetoNbd);
        Assert.True(fit.Converged, fit.Problem);
        AssertPublished(["0.553", "10.578", "0.606", "11.669"], fit.Parameters);
        AssertPublished("-9595.0", fit.LogLikelihood);
    }

    [Fact]
    public void GammaGamma_reproduces_the_published_fit_on_the_946_repeat_customers()
    {
        var fit = cdnow.SpendFit;
        Assert.True(fit.Converged, fit.Problem);
        Assert.Equal(946, fit.Customers);
        AssertPublished(["6.25", "3.74", "15.44"], fit.Parameters);
    }

    [Fact]
    public void Every_start_reaches_the_same_maximum()
    {
        var fit = cdnow.Fit(CountingModelKind.BgNbd);
        Assert.Equal(fit.Starts.Tried, fit.Starts.Agreeing);
        Assert.All(fit.Parameters, p => Assert.True(p.StandardError is > 0, $"{p.Name} has no standard error"));
    }

    private static void AssertPublished(string[] published, IReadOnlyList<FittedParameter> actual)
    {
        Assert.Equal(published.Length, actual.Count);
        for (var i = 0; i < published.Length; i++)
        {
            AssertPublished(published[i], actual[i].Value);
        }
    }

    private static void AssertPublished(string published, double actual)
    {
        var value = double.Parse(published, System.Globalization.CultureInfo.InvariantCulture);
        var decimals = published.Contains('.', StringComparison.Ordinal) ? published.Length - published.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var tolerance = Math.Max(1e-3 * Math.Abs(value), 0.5 * Math.Pow(10, -decimals));
        Assert.True(Math.Abs(actual - value) <= tolerance, $"expected {published} (± {tolerance:g3}), got {actual}");
    }
}
