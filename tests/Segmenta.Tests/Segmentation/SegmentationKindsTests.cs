using System.Text.Json;
using Segmenta.Segmentation;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Segmentation;

public class SegmentationKindsTests
{
    [Theory]
    [InlineData(SegmentationKind.Rfm, "rfm")]
    [InlineData(SegmentationKind.KMeans, "kmeans")]
    [InlineData(SegmentationKind.GaussianMixture, "gmm")]
    public void Each_kind_has_one_id_that_parses_back_and_is_its_json_text(SegmentationKind kind, string id)
    {
        Assert.Equal(id, kind.Id());
        Assert.True(SegmentationKinds.TryParse(id, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal($"\"{id}\"", JsonSerializer.Serialize(kind));
        Assert.Equal(kind, JsonSerializer.Deserialize<SegmentationKind>($"\"{id}\""));
    }

    [Theory]
    [InlineData("KMeans")]
    [InlineData("k-means")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_an_exact_id_is_not_a_segmentation(string? id)
    {
        Assert.False(SegmentationKinds.TryParse(id, out _));
        if (id is not null)
        {
            Assert.Contains("known: rfm, kmeans, gmm", Assert.Throws<SegmentaException>(() => SegmentationKinds.Parse(id)).Message);
        }
    }

    [Fact]
    public void The_algorithms_map_to_their_segmentations_and_back()
    {
        foreach (var algorithm in Enum.GetValues<ClusteringAlgorithm>())
        {
            Assert.Equal(algorithm, SegmentationKinds.Of(algorithm).Algorithm());
            Assert.True(SegmentationKinds.Of(algorithm).IsClustering());
        }
        Assert.Null(SegmentationKind.Rfm.Algorithm());
    }

    [Fact]
    public void The_store_refuses_an_enum_parameter_so_a_forgotten_id_cannot_bind_a_number()
    {
        using var fixture = new StoreFixture();

        var error = Assert.Throws<ArgumentException>(() => fixture.Store.Scalar<string>("SELECT $s", ("s", SegmentationKind.KMeans)));

        Assert.Contains("stored id text", error.Message);
        Assert.Equal("kmeans", fixture.Store.Scalar<string>("SELECT $s", ("s", SegmentationKind.KMeans.Id())));
    }
}
