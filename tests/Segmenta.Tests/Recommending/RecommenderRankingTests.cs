using Segmenta.Recommending;
using static Segmenta.Tests.Recommending.TinyShop;

namespace Segmenta.Tests.Recommending;

/// <summary>Each recommender's ranking and reasons on the tiny shop, worked out by hand in the comments.</summary>
public class RecommenderRankingTests
{
    [Fact]
    public void Global_popularity_ranks_by_distinct_buyers_and_ties_by_product()
    {
        // buyers: P1 3 (A, B, C); P0, P3, P4 2; P2, P5 1.
        var (products, picks) = Rank(Fit(), RecommendationMethod.GlobalPopularity, E, newOnly: false);
        Assert.Equal(["P1", "P0", "P3", "P4", "P2", "P5"], products);
        Assert.Equal(3, picks[0].Score);
        Assert.Equal("best-seller: bought by 3 customers", Fit()[RecommendationMethod.GlobalPopularity].Reason(picks[0]));
    }

    [Fact]
    public void New_items_mode_drops_what_the_customer_already_bought()
    {
        var (products, _) = Rank(Fit(), RecommendationMethod.GlobalPopularity, E, newOnly: true);
        Assert.Equal(["P1", "P0", "P3", "P2", "P5"], products);
        Assert.Empty(Rank(Fit(), RecommendationMethod.PastFavourites, A, newOnly: true).Products);
    }

    [Fact]
    public void Recent_popularity_counts_only_the_last_days_before_the_reference_day()
    {
        // Days 71..100 with RecentDays 30: A bought P0 and P2 on day 90, D bought P4 on day 95.
        var models = Fit(Options with { RecentDays = 30 });
        var (products, picks) = Rank(models, RecommendationMethod.RecentPopularity, C, newOnly: false);
        Assert.Equal(["P0", "P2", "P4"], products);
        Assert.Equal("best-seller: bought by 1 customer in the 30 days to 2011-04-11", models[RecommendationMethod.RecentPopularity].Reason(picks[0]));
    }

    [Fact]
    public void Products_not_sold_within_the_active_window_are_never_offered()
    {
        // Reference day 100, ActiveDays 65: a product must have sold after day 35. P1 and P3 last sold on day 30.
        var models = Fit(Options with { ActiveDays = 65 });
        var (products, _) = Rank(models, RecommendationMethod.GlobalPopularity, E, newOnly: false);
        Assert.Equal(["P0", "P4", "P2", "P5"], products);
    }

    [Fact]
    public void Past_favourites_weight_each_order_by_its_age()
    {
        // A, reference day 100, half-life 90: P0 = 0.5^(90/90) + 0.5^(10/90) = 1.426; P2 = 0.5^(10/90) = 0.926; P1 = 0.5.
        var models = Fit();
        var (products, picks) = Rank(models, RecommendationMethod.PastFavourites, A, newOnly: false);
        Assert.Equal(["P0", "P2", "P1"], products);
        Assert.Equal(Math.Pow(0.5, 1) + Math.Pow(0.5, 10 / 90.0), picks[0].Score, 12);
        Assert.Equal("you bought it 2 times, last on 2011-04-01", models[RecommendationMethod.PastFavourites].Reason(picks[0]));
    }

    [Fact]
    public void Segment_best_sellers_offer_the_segments_favourites_the_customer_lacks()
    {
        // Gift shops (A, B, C): units = buyers = revenue ranks: P1 (3 buyers, 3 units) ~ P0 (2 buyers, 3 units) > P3 > P2.
        // C already has P1 and P3, so P0 then P2.
        var models = Fit();
        var (products, picks) = Rank(models, RecommendationMethod.SegmentBestSellers, C, newOnly: false);
        Assert.Equal(["P0", "P2"], products);
        Assert.Equal("popular with Gift shops", models[RecommendationMethod.SegmentBestSellers].Reason(picks[0]));
        Assert.True(picks[0].Score > picks[1].Score);
    }

    [Fact]
    public void Percentile_ranks_give_the_largest_one_and_share_ties()
    {
        Assert.Equal([1.0, 0.25, 0.625, 0.625], GroupBestSellersRanker.PercentileRanks([9, 1, 5, 5]));
    }

    [Fact]
    public void Item_to_item_scores_by_cosine_from_the_customers_history_and_names_the_strongest_link()
    {
        // C has P1 and P3 (both day 30, weight w = 0.5^(70/90)).
        // cos(P1, P0) = |{A, B}| / √(3·2) = 0.816; cos(P3, P0) = |{B}| / √(2·2) = 0.5; cos(P1, P2) = |{A}| / √(3·1) = 0.577.
        var models = Fit();
        var (products, picks) = Rank(models, RecommendationMethod.ItemToItem, C, newOnly: false);
        var w = Math.Pow(0.5, 70 / 90.0);
        Assert.Equal(["P0", "P2"], products);
        Assert.Equal(w * ((2 / Math.Sqrt(6)) + 0.5), picks[0].Score, 12);
        Assert.Equal(w / Math.Sqrt(3), picks[1].Score, 12);
        Assert.Equal("often bought with SAUCER", models[RecommendationMethod.ItemToItem].Reason(picks[0]));
    }

    [Fact]
    public void Item_to_item_respects_the_minimum_support_and_tops_up_short_lists_from_the_segment()
    {
        // With MinSupport 2 only pairs bought together by two customers survive: (P0, P1) by A and B, (P1, P3) by B and C.
        // C's only neighbour is then P0; the list is topped up with the segment's next best-seller, P2.
        var models = Fit(Options with { MinSupport = 2 });
        var (products, picks) = Rank(models, RecommendationMethod.ItemToItem, C, newOnly: false);
        Assert.Equal(["P0", "P2"], products);
        Assert.Equal([RecommendationMethod.ItemToItem, RecommendationMethod.SegmentBestSellers], picks.Select(p => p.Source));
        Assert.Equal("popular with Gift shops", models[RecommendationMethod.ItemToItem].Reason(picks[1]));
    }

    [Fact]
    public void Association_rules_have_the_textbook_support_confidence_and_lift()
    {
        // 7 orders; P3 in 2, P1 in 3, both in 2: support 2/7, confidence(P3 → P1) = 1, lift = 1 / (3/7) = 7/3.
        var models = Fit(Options with { MinRuleOrders = 2 });
        var rules = Recommender.Associations(models, Options with { MinRuleOrders = 2 });
        var rule = rules.Single(r => r.StockCode == "P3" && r.OtherStockCode == "P1");
        Assert.Equal(2, rule.Orders);
        Assert.Equal(2 / 7.0, rule.Support, 12);
        Assert.Equal(1.0, rule.Confidence, 12);
        Assert.Equal(7 / 3.0, rule.Lift, 12);
        // P1's rules: P0 and P3 both at confidence 2/3, tie broken by product; P4 → P5 has lift 7/3 but only one order.
        Assert.Equal(["P0", "P3"], rules.Where(r => r.StockCode == "P1").OrderBy(r => r.Rank).Select(r => r.OtherStockCode));
        Assert.DoesNotContain(rules, r => r.StockCode == "P4");
    }

    [Fact]
    public void Buy_again_offers_known_products_and_discovery_new_ones_each_with_its_evidence()
    {
        // A bought P0 twice (days 10 and 90), P1 and P2 once. Buy-again ranks only those; discovery only the others.
        var models = Fit();
        var (again, againPicks) = Rank(models, RecommendationMethod.BuyAgain, A, newOnly: false);
        Assert.Equal(["P0", "P1", "P2"], again.Order());
        Assert.All(againPicks, p => Assert.Equal(RecommendationMethod.BuyAgain, p.Source));
        Assert.StartsWith("buy again: you bought it 2 times, last on 2011-04-01", models[RecommendationMethod.BuyAgain].Reason(againPicks.Single(p => p.Product == 0)));
        var (fresh, freshPicks) = Rank(models, RecommendationMethod.Discovery, A, newOnly: false);
        Assert.Empty(fresh.Intersect(["P0", "P1", "P2"]));
        Assert.Contains("P3", fresh);
        Assert.StartsWith("new for you:", models[RecommendationMethod.Discovery].Reason(freshPicks[0]));
        // The mixed list holds both kinds, by probability, and only the new ones in the new-items setting.
        var (both, bothPicks) = Rank(models, RecommendationMethod.BuyAgainAndDiscovery, A, newOnly: false);
        Assert.Equal(again.Union(fresh).Order(), both.Order());
        Assert.True(bothPicks.Zip(bothPicks.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Equal(fresh, Rank(models, RecommendationMethod.BuyAgainAndDiscovery, A, newOnly: true).Products);
    }

    [Fact]
    public void A_discovery_pick_scores_the_probability_its_logistic_model_gives()
    {
        // Weights with non-trivial means and scales, so the ranker's shortcut (customer part once, then two terms per product) is checked.
        var discovery = new LogisticModel([0.3, 0.2, 0.1, 0.4, 0.5], [2, 3, 1.5, 1, 0.5], [-1, 0.7, 0.2, -0.3, 0.1, 0.05]);
        var data = Interactions.Build(Log(), Day(100), Options.RecencyHalfLifeDays);
        var models = new FittedRecommenders(data, Options, calibration: TwoKindCalibration.Prior with { Discovery = discovery });
        var (_, picks) = Rank(models, RecommendationMethod.Discovery, C, newOnly: true);
        var buffer = new ScoringBuffer(data.Products);
        buffer.Begin(data, C);
        var ease = buffer.EaseScores(models.TwoKind.Ease, data, C);
        var x = new double[TwoKindFeatures.DiscoveryCount];
        Assert.NotEmpty(picks);
        foreach (var pick in picks)
        {
            models.TwoKind.Discovery(C, pick.Product, ease[models.TwoKind.Ease.IndexOf[pick.Product]], x);
            Assert.Equal(discovery.Probability(x), pick.Score, 12);
        }
    }

    [Fact]
    public void The_discovery_reason_names_the_customers_product_that_adds_most_to_the_ease_score()
    {
        // C has P1 and P3. P0 is bought with P1 by A and B, never with P3 alone: EASE's reason for P0 is P1 (SAUCER).
        var models = Fit();
        var (products, picks) = Rank(models, RecommendationMethod.Discovery, C, newOnly: true);
        var p0 = picks[Array.IndexOf(products, "P0")];
        Assert.Equal("SAUCER", models.Data.Log.Descriptions[p0.Because]);
        Assert.StartsWith("new for you: customers who buy SAUCER also buy it", models[RecommendationMethod.Discovery].Reason(p0));
    }

    [Fact]
    public void Every_discovery_method_excludes_known_products_even_in_the_all_items_setting()
    {
        var models = Fit();
        foreach (var method in (RecommendationMethod[])[RecommendationMethod.SegmentBestSellers, RecommendationMethod.CountryBestSellers, RecommendationMethod.ItemToItem, RecommendationMethod.AssociationRules, RecommendationMethod.Discovery])
        {
            for (var c = 0; c < 5; c++)
            {
                var known = models.Data.Items[models.Data.RowStart[c]..models.Data.RowStart[c + 1]].Select(p => models.Data.Log.StockCodes[p]);
                Assert.Empty(Rank(models, method, c, newOnly: false).Products.Intersect(known));
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    public void The_blended_list_merged_from_its_two_parts_is_the_blended_list_ranked_again(int top)
    {
        // The offline evaluation merges the buy-again and discovery lists instead of scoring every candidate a third time:
        // every customer's blend must come out pick for pick the same, in both settings, ties included.
        var log = RandomLog(3, 150, 30);
        var options = Options with { EaseHalfLifeDays = 60 };
        var models = new FittedRecommenders(Interactions.Build(log, log.LastDay - 20, options.RecencyHalfLifeDays), options);
        var (buyAgain, discovery, blend) = ((TwoKindRanker)models[RecommendationMethod.BuyAgain], (TwoKindRanker)models[RecommendationMethod.Discovery],
            (TwoKindRanker)models[RecommendationMethod.BuyAgainAndDiscovery]);
        var buffer = new ScoringBuffer(log.Products);
        var compared = 0;
        for (var c = 0; c < log.Customers; c++)
        {
            foreach (var newOnly in (bool[])[false, true])
            {
                buffer.Begin(models.Data, c);
                var (a, d, expected, merged) = (new Pick[top], new Pick[top], new Pick[top], new Pick[top]);
                var na = newOnly ? 0 : buyAgain.RankByLogit(c, newOnly, a, buffer);
                var nd = discovery.RankByLogit(c, newOnly, d, buffer);
                var ne = blend.RankByLogit(c, newOnly, expected, buffer);

                var nm = TwoKindRanker.Merge(a.AsSpan(0, na), d.AsSpan(0, nd), merged);

                Assert.Equal(expected[..ne], merged[..nm]);
                Assert.Equal(blend.Finish(c, expected, ne), blend.Finish(c, merged, nm));
                Assert.Equal(expected[..ne], merged[..nm]);
                compared += ne;
            }
        }
        Assert.True(compared > log.Customers * top / 2, $"only {compared} picks compared");
    }
}
