using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

/// <summary>The metric definitions on a hand-computed example.</summary>
public class RankingMetricsTests
{
    [Fact]
    public void Metrics_match_the_textbook_formulas_on_a_hand_computed_list()
    {
        // Offered a, b, c, d, e; relevant {a, c, f}; k = 5. Hits at ranks 1 and 3.
        // precision@5 = 2/5; recall@5 = 2/3;
        // AP@5 = (1 / min(3, 5)) · (1/1 + 2/3) = 5/9                      (Manning et al., IIR §8.4)
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) + 1/log2(4);  NDCG = DCG / IDCG (Järvelin & Kekäläinen 2002)
        var values = new double[RankingMetrics.Count];
        RankingMetrics.Compute([true, false, true, false, false], relevant: 3, k: 5, values);
        Assert.Equal(0.4, values[0], 12);
        Assert.Equal(2 / 3.0, values[1], 12);
        Assert.Equal(5 / 9.0, values[2], 12);
        Assert.Equal(1.5 / (1 + (1 / Math.Log2(3)) + 0.5), values[3], 12);
        Assert.Equal(1, values[4]);
    }

    [Fact]
    public void Precision_divides_by_k_even_when_fewer_products_are_offered()
    {
        var values = new double[RankingMetrics.Count];
        RankingMetrics.Compute([true], relevant: 1, k: 10, values);
        Assert.Equal(0.1, values[0], 12);
        Assert.Equal(1, values[1]);
        Assert.Equal(1, values[2]);
        Assert.Equal(1, values[3]);
    }

    [Fact]
    public void A_list_without_hits_scores_zero_everywhere()
    {
        var values = new double[RankingMetrics.Count];
        RankingMetrics.Compute([false, false], relevant: 4, k: 10, values);
        Assert.All(values, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Bootstrap_intervals_are_seeded_and_contain_the_mean()
    {
        var values = Enumerable.Range(0, 500).Select(i => (double)(i % 7)).ToArray();
        var first = Bootstrap.Intervals(values, 500, 1, 1000, 42)[0];
        var again = Bootstrap.Intervals(values, 500, 1, 1000, 42)[0];
        Assert.Equal(first, again);
        Assert.InRange(values.Average(), first.Low, first.High);
        // Standard error of the mean ≈ sd / √n = 2.0 / √500 ≈ 0.089: the 95% interval is about ±0.18 wide.
        Assert.InRange(first.High - first.Low, 0.25, 0.45);
    }

    [Fact]
    public void Percentiles_interpolate_between_order_statistics_like_numpy()
    {
        // numpy.percentile([1, 2, 3, 4], 25) = 1.75
        Assert.Equal(1.75, Bootstrap.Percentile([1.0, 2, 3, 4], 0.25), 12);
    }
}
