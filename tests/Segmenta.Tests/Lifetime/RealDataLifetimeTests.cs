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
    }

    internal LifetimeResult Holdout { get; }

    public void Dispose() => _store.Dispose();
}

/// <summary>
/// Holdout validation on the UCI data (docs/lifetime.md explains the reading). The numbers are golden: computed by this
/// implementation and cross-checked by hand from clv-holdout.csv; the BG/NBD formulas themselves are checked against
/// SciPy in <see cref="CdnowReferenceTests"/>.
/// </summary>
public sealed class RealDataLifetimeTests(RetailLifetimeFixture retail) : IClassFixture<RetailLifetimeFixture>
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

    [Fact]
    public void The_model_beats_the_naive_past_rate_for_customers_with_repeat_purchases()
    {
        var repeat = retail.Holdout.Holdout.Where(h => h.FrequencyGroup is not ("0" or "total")).ToList();
        var customers = repeat.Sum(h => h.Customers);
        var model = repeat.Sum(h => h.ModelMae * h.Customers) / customers;
        var naive = repeat.Sum(h => h.BaselineMae * h.Customers) / customers;
        Assert.True(model < naive, $"model MAE {model} vs naive {naive}");
    }

    [Fact]
    public void The_chosen_model_beats_the_naive_baseline_in_mean_absolute_error()
    {
        var total = Assert.Single(retail.Holdout.Holdout, h => h.FrequencyGroup == "total");
        var table = string.Join("; ", retail.Holdout.Holdout.Select(h => $"{h.FrequencyGroup}: n {h.Customers} act {h.ActualPurchases} pred {h.PredictedPurchases:0.0} naive {h.BaselinePurchases:0.0} mae {h.ModelMae:0.0000}/{h.BaselineMae:0.0000} rmse {h.ModelRmse:0.0000}/{h.BaselineRmse:0.0000}"));
        Assert.True(total.ModelMae < total.BaselineMae, table);
        Assert.Fail(table);
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
