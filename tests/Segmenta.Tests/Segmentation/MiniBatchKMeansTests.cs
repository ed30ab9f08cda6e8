using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

public class MiniBatchKMeansTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void On_the_classic_customers_mini_batch_inertia_is_within_five_percent_of_full_batch(int k)
    {
        var x = ClassicRfm.Scaled;

        var full = KMeans.Fit(x, new KMeansOptions(k));
        var mini = KMeans.Fit(x, new KMeansOptions(k, MiniBatchAbove: 1));

        Assert.InRange(mini.Inertia, full.Inertia, full.Inertia * 1.05);
        Assert.All(mini.Labels, l => Assert.InRange(l, 0, k - 1));
    }

    [Fact]
    public void Mini_batch_is_deterministic_for_a_seed()
    {
        var options = new KMeansOptions(5, Seed: 3, MiniBatchAbove: 1);

        var first = KMeans.Fit(ClassicRfm.Scaled, options);
        var second = KMeans.Fit(ClassicRfm.Scaled, options);

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Centroids, second.Centroids);
    }

    [Fact]
    public void Fit_switches_to_mini_batch_exactly_at_the_threshold()
    {
        Assert.Equal(250_000, KMeansOptions.DefaultMiniBatchAbove);
        var x = ClassicRfm.Scaled;
        var options = new KMeansOptions(3, NInit: 1);
        var fullBatch = KMeans.Fit(x, options with { MiniBatchAbove = int.MaxValue });
        var miniBatch = MiniBatchKMeans.Fit(x, options);
        Assert.False(Same(fullBatch, miniBatch)); // the two paths are told apart by centres and iteration counts

        var atThreshold = KMeans.Fit(x, options with { MiniBatchAbove = x.Rows });
        var belowThreshold = KMeans.Fit(x, options with { MiniBatchAbove = x.Rows + 1 });

        Assert.True(Same(miniBatch, atThreshold));
        Assert.True(Same(fullBatch, belowThreshold));
    }

    private static bool Same(KMeansModel a, KMeansModel b) => a.Centroids.SequenceEqual(b.Centroids) && a.Iterations == b.Iterations;
}
