using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

/// <summary>A small log's fits run side by side (<see cref="ReferenceDayFits.AtOnce"/>) and give what fitting one day after another gives.</summary>
public class FitsAtOnceTests
{
    private static readonly int CutDay = PurchaseLog.ToDay(new DateOnly(2010, 1, 1)) + LeakageTests.Cut;

    // Its validation split ends on the cut: its weights are learned on the cut's state, which the cut's own fit uses too.
    private static readonly int Later = PurchaseLog.ToDay(PurchaseLog.ToDate(CutDay).AddDays(1).AddMonths(3));

    private static readonly RecommendationOptions Options = LeakageTests.Options with { BootstrapResamples = 200 };

    [Fact]
    public void Fits_asked_for_from_two_threads_at_once_are_the_fits_made_one_after_another()
    {
        var log = LeakageTests.Shop(testSeed: 2);
        Assert.Equal(CutDay, ReferenceDayFits.ValidationDay(Later));
        var apart = new ReferenceDayFits(log, Options);
        var (cutApart, laterApart) = (apart.Fit(CutDay), apart.Fit(Later));

        var together = new ReferenceDayFits(log, Options, atOnce: true);
        FittedRecommenders? cutTogether = null, laterTogether = null;
        Parallel.Invoke(() => cutTogether = together.Fit(CutDay), () => laterTogether = together.Fit(Later));

        foreach (var (a, b) in new[] { (cutApart, cutTogether!), (laterApart, laterTogether!) })
        {
            Assert.Equal(a.Data.Items, b.Data.Items);
            Assert.Equal(a.Data.Weight, b.Data.Weight);
            Assert.Equal(a.TwoKind.Ease.Weights, b.TwoKind.Ease.Weights);
            Assert.True(a.Calibration.Customers > 0, "the weights were learned on a validation split, not the prior");
            Assert.Equal(a.Calibration.BuyAgain.Coefficients, b.Calibration.BuyAgain.Coefficients);
            Assert.Equal(a.Calibration.Discovery.Coefficients, b.Calibration.Discovery.Coefficients);
            Assert.Equal(AllLists(a), AllLists(b));
        }
        // At once the cut's state is kept for whoever asks next; one after another it was dropped once the later weights were learned.
        Assert.Same(cutTogether!.Data, together.Fit(CutDay).Data);
        Assert.NotSame(cutApart.Data, apart.Fit(CutDay).Data);
    }

    [Fact]
    public async Task The_evaluation_beside_the_final_fit_is_the_evaluation_before_it()
    {
        var log = LeakageTests.Shop(testSeed: 2);
        var apart = new ReferenceDayFits(log, Options);
        var outcomeApart = RecommendationEvaluator.Evaluate(log, Options, apart);
        var finalApart = apart.Fit(log.LastDay);

        var together = new ReferenceDayFits(log, Options, atOnce: true);
        var final = Task.Run(() => together.Fit(log.LastDay));
        var outcomeTogether = RecommendationEvaluator.Evaluate(log, Options, together);
        var finalTogether = await final;

        Assert.Equal(outcomeApart.Rows, outcomeTogether.Rows);
        Assert.Contains(outcomeApart.Rows, r => double.IsFinite(r.Precision.Low)); // intervals were drawn
        Assert.Equal((outcomeApart.BestBaseline, outcomeApart.Margin), (outcomeTogether.BestBaseline, outcomeTogether.Margin));
        Assert.Equal(outcomeApart.Calibration.Discovery.Coefficients, outcomeTogether.Calibration.Discovery.Coefficients);
        Assert.Equal(finalApart.Calibration.BuyAgain.Coefficients, finalTogether.Calibration.BuyAgain.Coefficients);
        Assert.Equal(AllLists(finalApart), AllLists(finalTogether));
    }

    [Fact]
    public void Logs_up_to_a_million_lines_are_fitted_side_by_side_and_larger_ones_one_day_after_another()
    {
        Assert.True(ReferenceDayFits.FitsAtOnce(391_180)); // the shared data's kept lines
        Assert.True(ReferenceDayFits.FitsAtOnce(ReferenceDayFits.AtOnceMaxLines));
        Assert.False(ReferenceDayFits.FitsAtOnce(ReferenceDayFits.AtOnceMaxLines + 1));
        Assert.False(ReferenceDayFits.FitsAtOnce(10_000_000));
    }

    private static string AllLists(FittedRecommenders models) => string.Join("\n",
        models.Methods.Order().SelectMany(m => (bool[])[false, true], (m, newOnly) => (m, newOnly))
            .SelectMany(x => Enumerable.Range(0, LeakageTests.Customers).Select(c => LeakageTests.Ranked(models, x.m, c, x.newOnly))));
}
