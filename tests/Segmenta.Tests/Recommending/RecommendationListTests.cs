using Segmenta.Recommending;
using static Segmenta.Tests.Recommending.TinyShop;

namespace Segmenta.Tests.Recommending;

public class RecommendationListTests
{
    [Fact]
    public void A_row_reads_back_as_the_recommendation_it_was_given_whatever_its_reason()
    {
        var list = new RecommendationList(["A", "B"], ["P0", "P1"], ["TEACUP", "SAUCER"], capacity: 1);
        var reasons = new[] { "new for you: customers who buy TÉACUP also buy it; 1,234 customers bought it", "", new string('x', 5_000_000), "café ☕ 茶" };

        for (var i = 0; i < reasons.Length; i++)
        {
            list.Add(i % 2, i + 1, 1 - (i % 2), 0.1 * i, RecommendationMethod.BuyAgainAndDiscovery, reasons[i], i % 2 == 0 ? RecommendationKind.New : RecommendationKind.BuyAgain);
        }

        Assert.Equal(reasons.Length, list.Count);
        Assert.Equal(reasons, list.Select(r => r.Reason));
        Assert.Equal(new Recommendation("B", 4, "P0", "TEACUP", 0.30000000000000004, RecommendationMethod.BuyAgainAndDiscovery, reasons[3], RecommendationKind.BuyAgain), list[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[4]);
    }

    [Theory]
    [InlineData(RecommendationMethod.BuyAgainAndDiscovery)]
    [InlineData(RecommendationMethod.ItemToItem)]
    [InlineData(RecommendationMethod.SegmentBestSellers)]
    public void Lists_made_in_batches_of_customers_are_the_lists_made_one_customer_at_a_time(RecommendationMethod method)
    {
        var log = RandomLog(seed: 4, customers: 300, products: 40);
        var models = new ReferenceDayFits(log, Options).Fit(log.LastDay);

        var whole = Recommender.RecommendAll(models, models[method], top: 7);
        var batched = Recommender.RecommendAll(models, models[method], top: 7, batchSize: 16);
        var single = Recommender.RecommendAll(models, models[method], top: 7, batchSize: 1);

        Assert.True(whole.Count > 300);
        Assert.Equal(whole.ToList(), batched.ToList());
        Assert.Equal(whole.ToList(), single.ToList());
        var customers = whole.Select(r => Array.IndexOf(log.CustomerIds, r.CustomerId)).ToList();
        Assert.Equal(customers.Order(), customers);
        Assert.All(whole.GroupBy(r => r.CustomerId), g => Assert.Equal(Enumerable.Range(1, g.Count()), g.Select(r => r.Rank)));
    }
}
