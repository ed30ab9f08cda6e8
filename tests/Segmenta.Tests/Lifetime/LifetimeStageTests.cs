using Segmenta.Lifetime;

namespace Segmenta.Tests.Lifetime;

/// <summary>The whole stage on the CDNOW sample: SQL summary, fits, holdout validation, predictions and stored tables.</summary>
public sealed class LifetimeStageTests(CdnowFixture cdnow) : IClassFixture<CdnowFixture>
{
    private static readonly LifetimeOptions Options = new()
    {
        Model = ModelChoice.BgNbd,
        CalibrationEnd = CdnowFixture.CalibrationEnd,
        ObservationEnd = CdnowFixture.ObservationEnd,
        TimeUnit = TimeUnit.Weeks,
    };

    [Fact]
    public void Holdout_totals_match_the_scipy_reference_and_beat_the_naive_baseline()
    {
        var result = LifetimeStage.Run(cdnow.Store, Options);
        var total = Assert.Single(result.Holdout, h => h.FrequencyGroup == "total");
        // Reference/cdnow_reference.txt: bgnbd-holdout-total 1653.40867; 1,882 actual repeat purchases in the 39 holdout weeks.
        Assert.Equal(1653.40867, total.PredictedPurchases, 1653.4 * 1e-5);
        Assert.Equal(1882, total.ActualPurchases);
        Assert.Equal(2357, total.Customers);
        Assert.True(total.ModelMedianMae < total.BaselineMedianMae, $"model MAE {total.ModelMedianMae} vs baseline {total.BaselineMedianMae}");
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7+", "total"], result.Holdout.Select(h => h.FrequencyGroup));
        Assert.Equal(total.Customers, result.Holdout.Where(h => h.FrequencyGroup != "total").Sum(h => h.Customers));
    }

    [Fact]
    public void Predictions_are_stored_and_loaded_back_for_every_customer()
    {
        var result = LifetimeStage.Run(cdnow.Store, Options);
        Assert.Equal(2357, result.Customers.Count);
        Assert.All(result.Customers, c =>
        {
            Assert.InRange(c.ProbabilityAlive, 0, 1);
            Assert.True(c.ExpectedPurchases.SequenceEqual(c.ExpectedPurchases.Order()), "expected purchases grow with the horizon");
            Assert.NotNull(c.Clv);
            Assert.True(c.Clv!.SequenceEqual(c.Clv!.Order()), "CLV grows with the horizon");
        });
        var first = result.Customers[0];
        var loaded = LifetimeTables.LoadCustomer(cdnow.Store, first.CustomerId)!;
        Assert.Equal(first.ProbabilityAlive, loaded.ProbabilityAlive);
        Assert.Equal(first.ExpectedPurchases, loaded.ExpectedPurchases);
        Assert.Equal(first.Clv, loaded.Clv);
        Assert.Equal(first.ProbabilityOfNoPurchase, loaded.ProbabilityOfNoPurchase);
        Assert.Equal(first.ChurnRisk, loaded.ChurnRisk);
    }

    [Fact]
    public void The_churn_tier_is_that_of_the_probability_of_no_purchase_within_the_churn_horizon()
    {
        // The tier reads P(no purchase in the next 90 days) (ChurnRiskTiers, docs/lifetime.md), computed by the model's own
        // conditional distribution; CDNOW spreads over all three tiers.
        var result = LifetimeStage.Run(cdnow.Store, Options with { CalibrationEnd = null });
        var model = Assert.Single(result.Fits, f => f.Chosen && f.Fit.CountingModel is not null).Fit.CountingModel!;
        var summary = CustomerSummary.Build(cdnow.Store, result.Options.ObservationEnd!.Value, result.Options.ObservationEnd!.Value, 7);
        for (var i = 0; i < summary.Count; i++)
        {
            var c = result.Customers[i];
            Assert.Equal(summary.CustomerIds[i], c.CustomerId);
            Assert.Equal(model.ProbabilityOfPurchases(0, 90 / 7.0, summary.X[i], summary.Tx[i], summary.T[i]), c.ProbabilityOfNoPurchase, 1e-12);
            Assert.Equal(ChurnRiskTiers.Of(c.ProbabilityOfNoPurchase), c.ChurnRisk);
        }
        Assert.Equal(3, result.Customers.Select(c => c.ChurnRisk).Distinct().Count());
        Assert.Equal(ChurnRisk.Low, ChurnRiskTiers.Of(0.3));
        Assert.Equal(ChurnRisk.Medium, ChurnRiskTiers.Of(0.7));
        Assert.Equal(ChurnRisk.High, ChurnRiskTiers.Of(0.7000001));
    }

    [Fact]
    public void Clv_without_discounting_is_expected_purchases_times_expected_spend()
    {
        var result = LifetimeStage.Run(cdnow.Store, Options with { DiscountRate = 0, CalibrationEnd = null, HorizonDays = [365] });
        Assert.All(result.Customers.Take(200), c => Assert.Equal(c.ExpectedPurchases[0] * c.ExpectedSpend!.Value, c.Clv![0], 1e-9 * (1 + c.Clv![0])));
    }

    [Fact]
    public void Auto_chooses_on_the_calibration_likelihood_and_leaves_the_holdout_as_the_test()
    {
        var result = LifetimeStage.Run(cdnow.Store, Options with { Model = ModelChoice.Auto });
        var totals = result.Holdout.Where(h => h.FrequencyGroup == "total").ToList();
        Assert.Equal(3, totals.Count);
        var calibration = result.Fits.Where(f => f.Period == "calibration").ToList();
        Assert.Equal(calibration.OrderByDescending(f => f.Fit.LogLikelihood).First().Fit.Name, ModelFitterName(result.Chosen));
        Assert.Contains(result.Notes, n => n.StartsWith($"Holdout test of {ModelFitterName(result.Chosen)}", StringComparison.Ordinal));
        Assert.Single(result.Fits, f => f.Chosen && f.Fit.CountingModel is not null);
    }

    [Fact]
    public void The_tracking_curve_counts_every_repeat_purchase_and_forecasts_the_holdout()
    {
        var result = LifetimeStage.Run(cdnow.Store, Options);
        var last = result.Tracking[^1];
        Assert.Equal(CdnowFixture.ObservationEnd, last.WeekEnd);
        // All repeat purchases of the 2,357 customers to 1998-06-30: the summary's x plus the holdout purchases.
        Assert.Equal(cdnow.Summary.X.Sum() + cdnow.Summary.HoldoutPurchases.Sum(), last.ActualCumulative);
        Assert.True(result.Tracking.Zip(result.Tracking.Skip(1)).All(p => p.Second.PredictedCumulative >= p.First.PredictedCumulative && p.Second.ActualCumulative >= p.First.ActualCumulative));
        // Fader, Hardie & Lee (2005), figure 3: BG/NBD tracks the 78 weeks closely (within a few percent at the end).
        Assert.InRange(last.PredictedCumulative / last.ActualCumulative, 0.9, 1.1);
    }

    [Fact]
    public void The_report_section_draws_the_four_lifetime_charts()
    {
        LifetimeStage.Run(cdnow.Store, Options);
        var view = LifetimeView.Load(cdnow.Store)!;
        var data = new Segmenta.Reporting.ReportData(null!, [], [], [], "", [], new Segmenta.Reporting.CustomerColumns(new Dictionary<string, double[]>()), null, null, "",
            [], null, null, null) { Lifetime = view };
        var html = new Segmenta.Reporting.Html();
        Segmenta.Reporting.Sections.LifetimeSection.Write(html, data);
        Assert.Equal(
            [Segmenta.Reporting.Sections.LifetimeSection.HoldoutChart, Segmenta.Reporting.Sections.LifetimeSection.TrackingChart,
                Segmenta.Reporting.Sections.LifetimeSection.AliveChart, Segmenta.Reporting.Sections.LifetimeSection.ClvChart],
            html.Charts);
        Assert.Equal(2357, view.AliveGrid.Sum(c => c.Customers));
        Assert.Equal(2357, view.ClvDistribution.Sum(b => b.Customers));
    }

    [Fact]
    public void A_holdout_written_by_an_earlier_version_is_named_with_what_to_do()
    {
        // Before session 6 clv_holdout had no model_mean_mae / baseline_mean_mae: reading such a database must say so, not fail in SQL.
        LifetimeStage.Run(cdnow.Store, Options);
        cdnow.Store.Execute("ALTER TABLE clv_holdout DROP COLUMN model_mean_mae; ALTER TABLE clv_holdout DROP COLUMN baseline_mean_mae");
        try
        {
            var error = Assert.Throws<SegmentaException>(() => LifetimeView.Load(cdnow.Store));
            Assert.Contains("earlier version", error.Message, StringComparison.Ordinal);
            Assert.Contains("segmenta analyze", error.Message, StringComparison.Ordinal);
            cdnow.Store.Execute("DELETE FROM clv_holdout");
            Assert.Empty(LifetimeView.Load(cdnow.Store)!.Holdout);
        }
        finally
        {
            LifetimeStage.Run(cdnow.Store, Options);
        }
    }

    [Fact]
    public void A_calibration_end_after_the_data_is_refused_naming_the_option()
    {
        var error = Assert.Throws<InvalidOptionException>(() => LifetimeStage.Run(cdnow.Store, Options with { CalibrationEnd = new DateOnly(1998, 7, 1) }));
        Assert.Equal("Lifetime.CalibrationEnd", error.Property);
        Assert.Contains("1998-06-30", error.Message, StringComparison.Ordinal);
    }

    private static string ModelFitterName(CountingModelKind kind) => ModelFitter.NameOf(kind);
}
