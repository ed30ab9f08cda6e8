using System.Text.Json;
using System.Text.Json.Serialization;
using Segmenta.Pipeline;
using Segmenta.Profiling;
using Segmenta.Recommending;
using Segmenta.Segmentation;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Pipeline;

public class RunOptionsTests
{
    [Fact]
    public void The_stored_form_reads_back_every_stage_s_options()
    {
        var options = new RunOptions
        {
            Features = new() { AsOf = new DateOnly(2011, 12, 10) },
            Cleaning = new() { Preset = Segmenta.Cleaning.CleaningPreset.Classic, NonProductCodes = ["POST"] },
            Import = new() { ColumnMap = new Dictionary<Segmenta.Loading.ColumnRole, string> { [Segmenta.Loading.ColumnRole.Customer] = "Client" }, Delimiter = ';' },
            Segmentation = new() { Algorithm = ClusteringAlgorithm.GaussianMixture, K = 4, Features = ["recency", "monetary"], ExtremeThreshold = null },
            Recommendation = new() { Top = 5, Mode = RecommendationMode.Discover, Cutoff = new DateOnly(2011, 9, 1) },
            Lifetime = null,
            Profiling = new()
            {
                Playbook = Playbook.Parse(SyntheticShop.CustomPlaybook, "test"),
                NameOverrides = new Dictionary<string, IReadOnlyDictionary<int, string>> { ["kmeans"] = new Dictionary<int, string> { [0] = "VIP" } },
            },
        }.WithSeed(3);

        var back = RunOptions.FromJson(options.ToJson(), "test");

        Assert.Equal(options.ToJson(), back.ToJson());
        Assert.Equal(new DateOnly(2011, 12, 10), back.Features.AsOf);
        Assert.Equal("Client", back.Import.ColumnMap[Segmenta.Loading.ColumnRole.Customer]);
        Assert.Equal((4, 3, 5, 3), (back.Segmentation!.K!.Value, back.Segmentation.Seed, back.Recommendation!.Top, back.Recommendation.Seed));
        Assert.Null(back.Segmentation.ExtremeThreshold);
        Assert.Null(back.Lifetime);
        Assert.Equal("Send the custom letter", back.Profiling.Playbook.Entries.Single().Action);
        Assert.Equal("VIP", back.Profiling.NameOverrides["kmeans"][0]);
    }

    [Fact]
    public void The_generated_stored_form_is_the_reflection_serializer_s_text_byte_for_byte()
    {
        // The options the reflection serializer was given before the form was generated at compile time.
        var reflection = new JsonSerializerOptions
        {
            WriteIndented = false,
            Converters = { new JsonStringEnumConverter() },
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            PropertyNameCaseInsensitive = true,
        };
        var options = new RunOptions
        {
            Features = new() { AsOf = new DateOnly(2011, 12, 10) },
            Import = new() { ColumnMap = new Dictionary<Segmenta.Loading.ColumnRole, string> { [Segmenta.Loading.ColumnRole.Customer] = "Client" }, Delimiter = ';' },
            Segmentation = new() { Algorithm = ClusteringAlgorithm.GaussianMixture, K = 4, WinsorizePercentile = double.NaN, ExtremeThreshold = null },
            Recommendation = new() { Mode = RecommendationMode.Discover, Method = RecommendationMethod.RecentPopularity, Cutoff = new DateOnly(2011, 9, 1) },
            Profiling = new() { NameOverrides = new Dictionary<string, IReadOnlyDictionary<int, string>> { ["kmeans"] = new Dictionary<int, string> { [0] = "VIP \"ü\"" } } },
        };

        Assert.Equal(JsonSerializer.Serialize(new RunOptions(), reflection), new RunOptions().ToJson());
        Assert.Equal(JsonSerializer.Serialize(options, reflection), options.ToJson());
        Assert.Contains("\"WinsorizePercentile\":\"NaN\"", options.ToJson());
    }

    [Fact]
    public void Options_stored_without_some_properties_read_back_with_the_defaults_of_those()
    {
        var back = RunOptions.FromJson("""{"FormatVersion":1,"segmentation":{"k":4}}""", "test");

        Assert.Equal(new RunOptions { Segmentation = new() { K = 4 } }.ToJson(), back.ToJson());
    }

    [Fact]
    public void Options_of_another_format_version_are_refused_with_a_message()
    {
        var json = new RunOptions().ToJson().Replace("\"FormatVersion\":1", "\"FormatVersion\":99", StringComparison.Ordinal);

        var error = Assert.Throws<SegmentaException>(() => RunOptions.FromJson(json, "the store"));

        Assert.Contains("format version 99", error.Message);
    }

    [Theory]
    [InlineData("0", "Segmentation.K")]
    [InlineData("many", "Segmentation.K")]
    public void K_is_parsed_once_in_the_core_and_the_error_names_the_property(string text, string property)
    {
        var error = Assert.Throws<InvalidOptionException>(() => SegmentationOptions.ParseK(text));

        Assert.Equal(property, error.Property);
        Assert.StartsWith(property + ": ", error.Message);
        Assert.DoesNotContain("--", error.Message);
    }
}
