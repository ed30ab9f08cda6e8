using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

public class TopPicksTests
{
    [Fact]
    public void Rejects_says_yes_exactly_when_offer_would_leave_the_picks_as_they_are()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 2_000; trial++)
        {
            var k = random.Next(1, 12);
            var top = new Pick[k];
            var count = 0;
            for (var i = 0; i < random.Next(0, 60); i++)
            {
                // Few distinct scores and products, so that ties on the score (broken by the product) are common.
                var pick = new Pick(random.Next(40), random.Next(6) / 4.0, RecommendationMethod.ItemToItem);
                var before = top[..count].ToArray();
                var rejected = TopPicks.Rejects(top, count, pick.Score, pick.Product);
                var after = TopPicks.Offer(top, count, pick);
                var unchanged = after == count && top[..count].SequenceEqual(before);
                Assert.Equal(unchanged, rejected);
                count = after;
            }
        }
    }

    [Fact]
    public void Offering_only_what_is_not_rejected_keeps_the_same_best_picks_in_the_same_order()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 500; trial++)
        {
            var k = random.Next(1, 12);
            var candidates = Enumerable.Range(0, random.Next(0, 200))
                .Select(_ => new Pick(random.Next(80), random.Next(10) / 3.0, RecommendationMethod.Discovery, random.Next(5))).ToArray();
            var (all, filtered) = (new Pick[k], new Pick[k]);
            var (allCount, filteredCount) = (0, 0);
            foreach (var pick in candidates)
            {
                allCount = TopPicks.Offer(all, allCount, pick);
                if (!TopPicks.Rejects(filtered, filteredCount, pick.Score, pick.Product))
                {
                    filteredCount = TopPicks.Offer(filtered, filteredCount, pick);
                }
            }
            Assert.Equal(all[..allCount], filtered[..filteredCount]);
        }
    }
}
