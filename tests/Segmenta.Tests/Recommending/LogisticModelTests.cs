using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

public class LogisticModelTests
{
    [Fact]
    public void With_one_binary_feature_the_fitted_probabilities_are_the_two_groups_rates()
    {
        // The maximum-likelihood fit of logit p = b0 + b1 x with x in {0, 1} reproduces each group's share of positives
        // exactly (a saturated model): 3 of 10 for x = 0 and 8 of 10 for x = 1. A negligible ridge keeps it unpenalised.
        var x = Enumerable.Range(0, 20).Select(i => i < 10 ? 0.0 : 1.0).ToArray();
        var y = Enumerable.Range(0, 20).Select(i => i < 10 ? i < 3 : i < 18).ToArray();
        var model = LogisticModel.Fit(x, y, features: 1, ridge: 1e-9);
        Assert.Equal(0.3, model.Probability([0.0]), 6);
        Assert.Equal(0.8, model.Probability([1.0]), 6);
    }

    [Fact]
    public void The_ridge_keeps_a_separating_feature_finite()
    {
        var x = new[] { 0.0, 1, 2, 3, 4, 5 };
        var y = new[] { false, false, false, true, true, true };
        var model = LogisticModel.Fit(x, y, features: 1);
        Assert.All(model.Coefficients, c => Assert.True(double.IsFinite(c)));
        Assert.True(model.Probability([5.0]) > 0.5 && model.Probability([0.0]) < 0.5);
    }
}
