using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

public class ModelSelectorTests
{
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
            Assert.InRange(r.StabilityMean, -0.5, 1);
        });
        // Inertia falls as k grows: each k is the best of 10 restarts.
        Assert.True(selection.Rows.Zip(selection.Rows.Skip(1)).All(p => p.Second.Inertia < p.First.Inertia));
        // k=4 is scikit-learn's inertia 3925.49 within 0.5% (bench/segmentation/sklearn_reference.py).
        Assert.InRange(selection.Rows.Single(r => r.K == 4).Inertia, 3925.49 * 0.995, 3925.49 * 1.005);
    }

    [Fact]
    public void The_explanation_says_when_the_criteria_disagree()
    {
        var selection = ModelSelector.Select(ClassicRfm.Scaled, new SegmentationOptions());

        Assert.StartsWith($"k={selection.ChosenK}:", selection.Explanation);
        Assert.Contains("disagree", selection.Explanation);
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
