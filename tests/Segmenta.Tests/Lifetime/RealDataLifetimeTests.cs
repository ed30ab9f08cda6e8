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
    public void The_model_beats_the_naive_baseline_in_squared_error_of_the_expected_counts()
    {
        // Expected counts (means) scored by RMSE, the error a mean is the best answer for: 1.511 against 1.666 (docs/lifetime.md).
        var total = Assert.Single(retail.Holdout.Holdout, h => h.FrequencyGroup == "total");
        Assert.True(total.ModelRmse < total.BaselineRmse, $"model RMSE {total.ModelRmse} vs naive {total.BaselineRmse}");
        Assert.Equal(1.5111, total.ModelRmse, 1e-3);
        Assert.Equal(1.6662, total.BaselineRmse, 1e-3);
    }

    [Fact]
    public void In_absolute_error_of_the_median_counts_the_naive_baseline_still_wins_narrowly_in_the_christmas_holdout()
    {
        // Recorded, not wished for (docs/lifetime.md, "UCI holdout"): medians scored by MAE, 0.9180 against 0.9151. The model
        // wins for customers with 1 to 3 repeat purchases and loses for the heaviest buyers, whose pre-Christmas rise no
        // stationary model foresees; the one-time buyers' median is 0 for both.
        var groups = retail.Holdout.Holdout.ToDictionary(h => h.FrequencyGroup);
        Assert.Equal(0.9180, groups["total"].ModelMae, 1e-3);
        Assert.Equal(0.9151, groups["total"].BaselineMae, 1e-3);
        Assert.All(new[] { "1", "2", "3" }, g => Assert.True(groups[g].ModelMae < groups[g].BaselineMae, $"group {g}: {groups[g]}"));
        Assert.True(groups["7+"].ModelMae > groups["7+"].BaselineMae, groups["7+"].ToString());
        Assert.Equal(groups["0"].BaselineMae, groups["0"].ModelMae);
        Assert.Equal(0, groups["0"].BaselinePurchases);
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
