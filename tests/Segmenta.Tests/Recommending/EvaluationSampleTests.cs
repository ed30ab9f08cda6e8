using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

public class EvaluationSampleTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 5_000).Select(i => (12_000 + (i * 7)).ToString(System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void At_or_below_the_limit_every_eligible_customer_is_kept()
    {
        int[] eligible = [3, 8, 42];
        Assert.Same(eligible, EvaluationSample.Take(eligible, Ids, 3, seed: 42));
        Assert.Same(eligible, EvaluationSample.Take(eligible, Ids, 0, seed: 42));
    }

    [Fact]
    public void Above_the_limit_the_sample_depends_on_the_ids_and_the_seed_not_on_the_customer_numbering()
    {
        var all = Enumerable.Range(0, Ids.Length).ToArray();
        var reversed = Ids.Reverse().ToArray();

        var sample = EvaluationSample.Take(all, Ids, 1_000, seed: 42).Select(c => Ids[c]).ToHashSet();
        var renumbered = EvaluationSample.Take(all, reversed, 1_000, seed: 42).Select(c => reversed[c]).ToHashSet();
        var otherSeed = EvaluationSample.Take(all, Ids, 1_000, seed: 43).Select(c => Ids[c]).ToHashSet();

        Assert.Equal(1_000, sample.Count);
        Assert.True(sample.SetEquals(renumbered));
        Assert.InRange(sample.Intersect(otherSeed).Count(), 100, 300); // independent draws share about 1,000 × 0.2
    }

    [Fact]
    public void The_sample_comes_back_in_customer_order_and_spreads_over_the_whole_base()
    {
        var all = Enumerable.Range(0, Ids.Length).ToArray();

        var sample = EvaluationSample.Take(all, Ids, 500, seed: 7);

        Assert.Equal(sample.Order(), sample);
        // A tenth of the base in each fifth of it, within sampling noise (hypergeometric sd ≈ 9).
        Assert.All(Enumerable.Range(0, 5), fifth => Assert.InRange(sample.Count(c => c / 1_000 == fifth), 60, 140));
    }
}
