using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

public class GaussianMixtureTests
{
    // scikit-learn 1.2.1 GaussianMixture(4, covariance_type="full", n_init=3, reg_covar=1e-6, random_state=0) on the
    // classic matrix: score() = -0.404880, bic() = 3839.3713 (bench/segmentation/sklearn_reference.py); we must reach
    // its log-likelihood minus 1 %, and our BIC must follow from our likelihood exactly as scikit-learn's does.
    [Fact]
    public void Full_covariance_k4_reaches_scikit_learns_log_likelihood_and_bic()
    {
        var x = ClassicRfm.Scaled;

        var model = GaussianMixture.Fit(x, new GaussianMixtureOptions(4, CovarianceType.Full, Seed: 0, NInit: 3));

        Assert.True(model.MeanLogLikelihood >= -0.404880 - 0.01 * 0.404880, $"mean log-likelihood {model.MeanLogLikelihood}");
        Assert.InRange(model.Bic, 3839.3713 - 0.01 * 3839.3713 - 100, 3839.3713 + 0.01 * 3839.3713);
        const int parameters = 4 * 3 + 4 * 6 + 3; // means, full covariances, weights
        Assert.Equal(-2 * model.MeanLogLikelihood * x.Rows + parameters * Math.Log(x.Rows), model.Bic, 6);
        Assert.Equal(-2 * model.MeanLogLikelihood * x.Rows + 2 * parameters, model.Aic, 6);
    }

    [Fact]
    public void Probabilities_sum_to_one_and_diagonal_mixtures_fit_too()
    {
        var x = ClassicRfm.Scaled;
        var model = GaussianMixture.Fit(x, new GaussianMixtureOptions(3, CovarianceType.Diagonal, Seed: 1));
        var p = model.PredictProba(x);
        for (var i = 0; i < x.Rows; i += 97)
        {
            Assert.Equal(1.0, p[i * 3] + p[i * 3 + 1] + p[i * 3 + 2], 9);
        }
        Assert.All(model.Predict(x), l => Assert.InRange(l, 0, 2));
    }

    [Fact]
    public void Identical_customers_get_their_own_component_held_at_the_regularisation_floor()
    {
        var values = Enumerable.Repeat(1.0, 200).Concat(Enumerable.Range(0, 200).Select(i => 5 + i * 0.01)).ToArray();
        var x = new FeatureMatrix(values, 400, 1, ["a"]);

        var model = GaussianMixture.Fit(x, new GaussianMixtureOptions(2, CovarianceType.Full, RegCovar: 1e-6));

        var labels = model.Predict(x);
        Assert.Single(labels.Take(200).Distinct());
        Assert.Single(labels.Skip(200).Distinct());
        Assert.NotEqual(labels[0], labels[200]);
        var identical = labels[0];
        Assert.Equal(1e-6, model.Covariances[identical], 12); // zero spread + reg_covar: exactly the floor
        Assert.InRange(model.Covariances[1 - identical], 0.2, 0.4); // uniform over 2 units: variance 1/3
        // The stored likelihood is the one its own weights, means and variances give, by the normal density written out here.
        var expected = values.Average(v => Math.Log(Enumerable.Range(0, 2).Sum(c =>
            model.Weights[c] * Math.Exp(-(v - model.Means[c]) * (v - model.Means[c]) / (2 * model.Covariances[c])) / Math.Sqrt(2 * Math.PI * model.Covariances[c]))));
        Assert.Equal(expected, model.MeanLogLikelihood, 6);
    }

    [Fact]
    public void The_iteration_cap_and_the_tolerance_are_honoured()
    {
        var x = ClassicRfm.Scaled;

        var capped = GaussianMixture.Fit(x, new GaussianMixtureOptions(4, MaxIterations: 2, Tolerance: 0));
        var loose = GaussianMixture.Fit(x, new GaussianMixtureOptions(4, MaxIterations: 500, Tolerance: 1e-1));
        var tight = GaussianMixture.Fit(x, new GaussianMixtureOptions(4, MaxIterations: 500, Tolerance: 1e-6));

        Assert.Equal(2, capped.Iterations);
        Assert.False(capped.Converged);
        Assert.True(loose.Converged && tight.Converged);
        Assert.True(loose.Iterations < tight.Iterations, $"{loose.Iterations} vs {tight.Iterations}");
        Assert.True(tight.MeanLogLikelihood >= loose.MeanLogLikelihood);
    }

    [Fact]
    public void The_segmentation_options_reach_the_mixture()
    {
        var options = new SegmentationOptions { Algorithm = ClusteringAlgorithm.GaussianMixture, MaxIterations = 3, Tolerance = 0 };

        var model = ModelSelector.FitMixture(ClassicRfm.Scaled, 3, options, seed: 0, nInit: 1);

        Assert.Equal(3, model.Iterations);
        Assert.False(model.Converged);
    }
}
