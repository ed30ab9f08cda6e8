using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

/// <summary>The rankers fitted side by side: none waits for another, and each is the ranker fitted alone.</summary>
public class FittedRecommendersTests
{
    [Fact]
    public void Each_independent_fit_computes_one_value_and_asks_for_no_other()
    {
        var log = LeakageTests.Shop(testSeed: 2);
        var fits = new ReferenceDayFits(log, LeakageTests.Options);
        var count = fits.Fit(log.LastDay).IndependentFits().Length;
        Assert.Equal(Enum.GetValues<RecommendationMethod>().Length - FittedRecommenders.Joining.Length + 3, count); // + the two neighbour lists and the features

        for (var i = 0; i < count; i++)
        {
            var models = fits.Fit(log.LastDay);
            models.IndependentFits()[i]();
            Assert.Equal(1, models.ComputedValues); // a fit that asked for another value would have computed it (or waited for it) too
        }
    }

    [Fact]
    public void Fitting_side_by_side_fits_every_ranker_as_fitting_each_when_asked_for()
    {
        var log = LeakageTests.Shop(testSeed: 2);
        var fits = new ReferenceDayFits(log, LeakageTests.Options);
        var alone = fits.Fit(log.LastDay);
        var together = fits.Fit(log.LastDay);

        together.FitSideBySide();

        Assert.Equal(together.Methods.Count + 3, together.ComputedValues);
        foreach (var method in alone.Methods.Order())
        {
            for (var c = 0; c < LeakageTests.Customers; c++)
            {
                Assert.Equal(LeakageTests.Ranked(alone, method, c, newOnly: false), LeakageTests.Ranked(together, method, c, newOnly: false));
                Assert.Equal(LeakageTests.Ranked(alone, method, c, newOnly: true), LeakageTests.Ranked(together, method, c, newOnly: true));
            }
        }
    }
}
