using System.Text.Json;
using System.Text.Json.Serialization;
using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

/// <summary>The fitted models check their shape when built, and model.json is checked the same way when read.</summary>
public class ModelInvariantsTests
{
    [Fact]
    public void A_kmeans_model_refuses_a_wrong_shape_a_non_finite_centroid_or_a_label_outside_k()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeansModel([], 0, 2, [], 0, 0, true));
        Assert.Throws<ArgumentException>(() => new KMeansModel([0, 0, 1], 2, 2, [], 0, 0, true));
        Assert.Throws<ArgumentException>(() => new KMeansModel([0, 0, 1, double.NaN], 2, 2, [], 0, 0, true));
        Assert.Throws<ArgumentException>(() => new KMeansModel([0, 0, 1, 1], 2, 2, [0, 2], 0, 0, true));

        var model = new KMeansModel([0, 0, 1, 1], 2, 2, [0, 1], 0, 0, true);
        Assert.Equal([1], model.Predict(new FeatureMatrix([0.9, 0.8], 1, 2, ["a", "b"])));
    }

    [Fact]
    public void A_mixture_refuses_covariances_of_another_shape_than_declared()
    {
        double[] weights = [0.5, 0.5], means = [0, 0, 1, 1];

        Assert.Throws<ArgumentException>(() => new GaussianMixtureModel(2, 2, CovarianceType.Full, weights, means, [1, 1, 1, 1], 0, 0, true, 0));
        Assert.Throws<ArgumentException>(() => new GaussianMixtureModel(2, 2, CovarianceType.Diagonal, [0.5], means, [1, 1, 1, 1], 0, 0, true, 0));
        var diagonal = new GaussianMixtureModel(2, 2, CovarianceType.Diagonal, weights, means, [1, 1, 1, 1], 0, 0, true, 0);
        Assert.Equal([0], diagonal.Predict(new FeatureMatrix([0.1, -0.1], 1, 2, ["a", "b"])));
    }

    [Fact]
    public void A_model_file_with_a_centroid_missing_is_refused_on_load_and_the_fitted_one_reads_back()
    {
        var fitted = CustomerSegmenter.Run(ClassicRfm.Raw, new SegmentationOptions { K = 3, BootstrapResamples = 0, NInit = 1 }).Model;
        var json = fitted.ToJson();
        var broken = json.Replace("\"K\": 3", "\"K\": 4", StringComparison.Ordinal);

        Assert.Equal(fitted.Centroids, SegmentationModel.FromJson(json, "model.json").Centroids);
        Assert.NotEqual(json, broken);
        var error = Assert.Throws<SegmentaException>(() => SegmentationModel.FromJson(broken, "model.json"));
        Assert.Contains("model.json is not a valid Segmenta model", error.Message);
    }

    [Theory]
    [InlineData(ClusteringAlgorithm.KMeans)]
    [InlineData(ClusteringAlgorithm.GaussianMixture)]
    public void The_generated_model_file_is_the_reflection_serializer_s_text_byte_for_byte(ClusteringAlgorithm algorithm)
    {
        // The options the reflection serializer was given before model.json's form was generated at compile time.
        var reflection = new JsonSerializerOptions
        {
            WriteIndented = true,
            Converters = { new JsonStringEnumConverter() },
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        var fitted = CustomerSegmenter.Run(ClassicRfm.Raw, new SegmentationOptions { Algorithm = algorithm, K = 3, BootstrapResamples = 0, NInit = 1 }).Model
            with { SegmentNames = ["a", "b", "c"], AsOf = new DateOnly(2011, 12, 10), Cleaning = new Segmenta.Cleaning.CleaningOptions() };

        var json = fitted.ToJson();

        Assert.Equal(JsonSerializer.Serialize(fitted, reflection), json);
        Assert.Equal(json, SegmentationModel.FromJson(json, "model.json").ToJson());
    }

    [Fact]
    public void A_model_file_whose_cleaning_options_lack_one_reads_that_option_with_its_default()
    {
        var fitted = CustomerSegmenter.Run(ClassicRfm.Raw, new SegmentationOptions { K = 3, BootstrapResamples = 0, NInit = 1 }).Model
            with { Cleaning = new Segmenta.Cleaning.CleaningOptions() };
        var file = System.Text.Json.Nodes.JsonNode.Parse(fitted.ToJson())!;
        file["Cleaning"]!.AsObject().Remove(nameof(Segmenta.Cleaning.CleaningOptions.RefundCodes));
        file.AsObject().Remove(nameof(SegmentationModel.FormatVersion));

        var back = SegmentationModel.FromJson(file.ToJsonString(), "model.json");

        Assert.Equal(Segmenta.Cleaning.CleaningOptions.DefaultRefundCodes, back.Cleaning!.RefundCodes);
        Assert.Equal(SegmentationModel.CurrentFormatVersion, back.FormatVersion);
    }
}
