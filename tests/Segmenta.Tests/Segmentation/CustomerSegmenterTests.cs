using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

public class CustomerSegmenterTests
{
    /// <summary>Three well-separated blobs of 200 customers in (recency, frequency, monetary), log-normal like real spend.</summary>
    private static FeatureMatrix ThreeBlobs(int seed)
    {
        var random = new Random(seed);
        var centres = new[] { (300.0, 1.0, 100.0), (30.0, 8.0, 2_000.0), (5.0, 40.0, 50_000.0) };
        var values = new List<double>();
        foreach (var (r, f, m) in centres)
        {
            for (var i = 0; i < 200; i++)
            {
                double Jitter(double v) => v * Math.Exp(0.15 * (random.NextDouble() * 2 - 1));
                values.AddRange([Jitter(r), Jitter(f), Jitter(m)]);
            }
        }
        return new FeatureMatrix([.. values], 600, 3, ["recency", "frequency", "monetary"]);
    }

    [Fact]
    public void Auto_k_finds_the_three_blobs_it_was_given()
    {
        var result = CustomerSegmenter.Run(ThreeBlobs(1), new SegmentationOptions { MaxK = 8 });

        Assert.Equal(3, result.K);
        Assert.Equal(3, result.Selection!.ChosenK);
        Assert.All(Enumerable.Range(0, 3), blob => Assert.Single(result.Labels.Skip(blob * 200).Take(200).Distinct()));
    }

    [Fact]
    public void The_richest_blob_is_segment_zero()
    {
        var result = CustomerSegmenter.Run(ThreeBlobs(2), new SegmentationOptions { K = 3 });

        Assert.Equal(0, result.Labels[400]);
        Assert.Equal(2, result.Labels[0]);
    }

    [Theory]
    [InlineData(ClusteringAlgorithm.KMeans)]
    [InlineData(ClusteringAlgorithm.GaussianMixture)]
    public void The_same_data_options_and_seed_give_the_same_segments_bit_for_bit(ClusteringAlgorithm algorithm)
    {
        var options = new SegmentationOptions { Algorithm = algorithm, MaxK = 6, BootstrapResamples = 3, Seed = 7 };

        var first = CustomerSegmenter.Run(ClassicRfm.Raw, options);
        var second = CustomerSegmenter.Run(ClassicRfm.Raw, options);

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Selection!.Rows, second.Selection!.Rows);
        Assert.Equal(first.Model.ToJson(), second.Model.ToJson());
    }

    [Fact]
    public void A_mixture_model_gives_probabilities_and_round_trips_through_json()
    {
        var result = CustomerSegmenter.Run(ClassicRfm.Raw, new SegmentationOptions { Algorithm = ClusteringAlgorithm.GaussianMixture, K = 4 });
        var reloaded = SegmentationModel.FromJson(result.Model.ToJson(), "memory");

        var (segments, probabilities) = reloaded.Assign(ClassicRfm.Raw);

        Assert.Equal(result.Labels, segments);
        Assert.Equal(result.Probabilities!, probabilities!);
        Assert.All(probabilities!, p => Assert.InRange(p, 0.25, 1.0));
    }

    [Fact]
    public void The_projection_explains_most_of_the_variance_of_three_features()
    {
        var result = CustomerSegmenter.Run(ClassicRfm.Raw, new SegmentationOptions { K = 4 });

        var explained = result.Projection.ExplainedVariance[0] + result.Projection.ExplainedVariance[1];
        Assert.InRange(explained, 0.8, 1.0);
        Assert.Equal(ClassicRfm.Raw.Rows, result.Projection.Xs.Length);
    }

    [Fact]
    public void Scoring_with_other_features_than_the_model_was_fitted_on_is_a_clear_error()
    {
        var model = CustomerSegmenter.Run(ClassicRfm.Raw, new SegmentationOptions { K = 2 }).Model;
        var other = ClassicRfm.Raw with { Names = ["recency", "frequency", "tenure"] };

        var error = Assert.Throws<SegmentaException>(() => model.Assign(other));
        Assert.Contains("recency, frequency, monetary", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Fewer_than_two_segments_is_a_clear_error(int k)
    {
        var error = Assert.Throws<InvalidOptionException>(() => CustomerSegmenter.Run(ClassicRfm.Raw, new SegmentationOptions { K = k }));

        Assert.Equal("Segmentation.K", error.Property);
        Assert.Contains("must be 2 or more", error.Message);
    }
}
