using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

public class ModelSelectorTests
{
    [Theory]
    [InlineData(ClusteringAlgorithm.KMeans, 4)]
    [InlineData(ClusteringAlgorithm.KMeans, 7)]
    [InlineData(ClusteringAlgorithm.GaussianMixture, 3)]
    public void The_final_fit_from_the_sweeps_restarts_is_the_fit_with_all_restarts_to_the_bit(ClusteringAlgorithm algorithm, int k)
    {
        var x = ClassicRfm.Scaled;
        var options = new SegmentationOptions { Algorithm = algorithm, Seed = 5, NInit = 10, SweepNInit = 3, MaxIterations = 100 };
        var swept = ModelSelector.Fit(x, x, k, options with { NInit = options.SweepNInit });

        var reused = ModelSelector.FinalFit(x, x, k, options, swept);
        var full = ModelSelector.Fit(x, x, k, options);

        Assert.Equal(full.Labels, reused.Labels);
        if (algorithm == ClusteringAlgorithm.KMeans)
        {
            Assert.Equal(full.KMeans!.Centroids, reused.KMeans!.Centroids);
            Assert.Equal(BitConverter.DoubleToInt64Bits(full.KMeans.Inertia), BitConverter.DoubleToInt64Bits(reused.KMeans.Inertia));
        }
        else
        {
            Assert.Equal(full.Mixture!.Means, reused.Mixture!.Means);
            Assert.Equal(full.Mixture.Covariances, reused.Mixture.Covariances);
            Assert.Equal(BitConverter.DoubleToInt64Bits(full.Mixture.MeanLogLikelihood), BitConverter.DoubleToInt64Bits(reused.Mixture.MeanLogLikelihood));
        }
    }

    [Fact]
    public void On_the_classic_customers_the_choice_sits_next_to_the_elbow_and_all_criteria_are_reported()
    {
        var selection = ModelSelector.Select(ClassicRfm.Scaled, new SegmentationOptions());

        var knee = Assert.Single(selection.Rows, r => r.IsKnee).K;
        Assert.InRange(selection.ChosenK, knee - 1, knee + 1);
        Assert.All(selection.Rows, r =>
        {
            Assert.InRange(r.Silhouette, -1, 1);
            Assert.True(r.DaviesBouldin > 0 && r.CalinskiHarabasz > 0);
            Assert.InRange(r.SmallestShare, 0, 0.5);
        });
        // Stability is measured where it decides: at least for the chosen k, as a mean and a 10th percentile.
        var chosen = selection.Rows.Single(r => r.Chosen);
        Assert.InRange(chosen.StabilityMean, -0.5, 1);
        Assert.InRange(chosen.StabilityLow, ModelSelector.StableAri, chosen.StabilityMean);
        // Inertia falls as k grows: each k is the best of 10 restarts.
        Assert.True(selection.Rows.Zip(selection.Rows.Skip(1)).All(p => p.Second.Inertia < p.First.Inertia));
        // k=4 is scikit-learn's inertia 3925.49 within 0.5% (bench/segmentation/sklearn_reference.py).
        Assert.InRange(selection.Rows.Single(r => r.K == 4).Inertia, 3925.49 * 0.995, 3925.49 * 1.005);
    }

    [Fact]
    public void The_explanation_says_what_each_criterion_alone_would_pick_over_the_whole_range()
    {
        var selection = ModelSelector.Select(ClassicRfm.Scaled, new SegmentationOptions());
        var best = new[]
        {
            selection.Rows.MaxBy(r => r.Silhouette)!.K, selection.Rows.MinBy(r => r.DaviesBouldin)!.K, selection.Rows.MaxBy(r => r.CalinskiHarabasz)!.K,
        };

        Assert.StartsWith($"k={selection.ChosenK}:", selection.Explanation);
        Assert.Equal(best.Distinct().Count() > 1, selection.Explanation.Contains("disagree", StringComparison.Ordinal));
        Assert.Contains(best.All(k => k == selection.ChosenK) ? $"every criterion also picks k={selection.ChosenK}" : "alone would", selection.Explanation);
    }

    [Fact]
    public void Mixtures_report_bic_and_aic_for_every_k()
    {
        var selection = ModelSelector.Select(ClassicRfm.Scaled, new SegmentationOptions
        {
            Algorithm = ClusteringAlgorithm.GaussianMixture, MaxK = 5, BootstrapResamples = 2,
        });

        Assert.All(selection.Rows, r => Assert.True(r.Bic is not null && r.Aic is not null && r.MeanLogLikelihood is not null));
        Assert.Contains("BIC", selection.Explanation);
    }
}
