using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

public class ClusterMetricsTests
{
    // scikit-learn 1.2.1 on its own k=4 labels of the classic matrix (bench/segmentation/sklearn_reference.py):
    // silhouette_score 0.336001, davies_bouldin_score 1.013433, calinski_harabasz_score 3344.7998.
    [Fact]
    public void Metrics_on_scikit_learns_labels_match_scikit_learn()
    {
        var x = ClassicRfm.Scaled;
        var labels = ClassicRfm.SklearnK4Labels;
        Assert.Equal(0.336001, ClusterMetrics.Silhouette(x, labels, 4), 5);
        Assert.Equal(1.013433, ClusterMetrics.DaviesBouldin(x, labels, 4), 5);
        Assert.Equal(3344.7998, ClusterMetrics.CalinskiHarabasz(x, labels, 4), 3);
    }

    [Fact]
    public void Our_k4_segmentation_scores_like_scikit_learns()
    {
        var x = ClassicRfm.Scaled;
        var model = KMeans.Fit(x, new KMeansOptions(4, Seed: 0));
        Assert.InRange(ClusterMetrics.Silhouette(x, model.Labels, 4), 0.3260, 0.3460);
        Assert.True(ClusterMetrics.AdjustedRandIndex(model.Labels, ClassicRfm.SklearnK4Labels) > 0.95);
    }

    [Fact]
    public void Adjusted_rand_index_is_one_for_relabelled_partitions_and_near_zero_for_random_ones()
    {
        int[] a = [0, 0, 1, 1, 2, 2];
        int[] b = [2, 2, 0, 0, 1, 1];
        Assert.Equal(1.0, ClusterMetrics.AdjustedRandIndex(a, b), 12);
        var random = new Random(1);
        var x = Enumerable.Range(0, 5000).Select(_ => random.Next(4)).ToArray();
        var y = Enumerable.Range(0, 5000).Select(_ => random.Next(4)).ToArray();
        Assert.InRange(ClusterMetrics.AdjustedRandIndex(x, y), -0.01, 0.01);
    }

    [Fact]
    public void Adjusted_rand_index_is_the_same_to_the_bit_whether_labels_are_cluster_numbers_or_any_integers()
    {
        // Cluster numbers are counted in arrays, other labels in dictionaries: the two must agree exactly.
        var random = new Random(7);
        var a = Enumerable.Range(0, 20_000).Select(_ => random.Next(9)).ToArray();
        var b = a.Select(l => random.Next(5) == 0 ? random.Next(7) : l % 7).ToArray();
        var dense = ClusterMetrics.AdjustedRandIndex(a, b);
        var sparse = ClusterMetrics.AdjustedRandIndex(a.Select(l => l * 1_000_003 - 5).ToArray(), b.Select(l => -l - 1).ToArray());
        Assert.Equal(BitConverter.DoubleToInt64Bits(sparse), BitConverter.DoubleToInt64Bits(dense));
        Assert.InRange(dense, 0.3, 0.95);
    }

    [Fact]
    public void Kneedle_finds_the_bend_of_a_convex_decreasing_curve()
    {
        Assert.Equal(4, Kneedle.Knee([2, 3, 4, 5, 6, 7, 8], [100, 60, 30, 25, 21, 18, 16]));
        Assert.Null(Kneedle.Knee([2, 3, 4], [3, 2, 1]));
    }
}
