using Segmenta.Recommending;
using static Segmenta.Tests.Recommending.TinyShop;

namespace Segmenta.Tests.Recommending;

/// <summary>The time split and who is evaluated, on the tiny shop cut at day 60.</summary>
public class RecommendationEvaluatorTests
{
    // Cut at day 60: A bought before (P0, P1) and after (P0, P2); D before (P4, P5) and after (P4 only, known);
    // B, C, E only before.
    private static readonly RecommendationOptions Options = TinyShop.Options with { Cutoff = Start.AddDays(60), BootstrapResamples = 200, EvaluationK = 3 };

    [Fact]
    public void Only_customers_active_on_both_sides_are_evaluated_and_new_items_need_a_new_product()
    {
        var outcome = RecommendationEvaluator.Evaluate(Log(), Options);
        Assert.All(outcome.Rows.Where(r => r.Setting == EvaluationSetting.AllItems), r => Assert.Equal(2, r.Customers));
        Assert.All(outcome.Rows.Where(r => r.Setting == EvaluationSetting.NewItems), r => Assert.Equal(1, r.Customers));
        Assert.Equal(Start.AddDays(60), outcome.Cutoff);
        Assert.Equal(10, outcome.TrainingLines);
        Assert.Equal(3, outcome.TestLines);
    }

    [Fact]
    public void Above_the_limit_a_sample_by_hashed_id_is_evaluated_and_the_rows_say_of_how_many()
    {
        var outcome = RecommendationEvaluator.Evaluate(Log(), Options with { EvaluationCustomers = 1 });

        Assert.All(outcome.Rows.Where(r => r.Setting == EvaluationSetting.AllItems), r => Assert.Equal((1, 2, true), (r.Customers, r.EligibleCustomers, r.Sampled)));
        Assert.All(outcome.Rows.Where(r => r.Setting == EvaluationSetting.NewItems), r => Assert.Equal((1, 1, false), (r.Customers, r.EligibleCustomers, r.Sampled)));
        Assert.Equal(outcome.Rows, RecommendationEvaluator.Evaluate(Log(), Options with { EvaluationCustomers = 1 }).Rows);
    }

    [Fact]
    public void The_test_truth_is_what_each_customer_bought_after_the_cut_and_new_items_drop_known_products()
    {
        var log = Log();
        var (start, items) = RecommendationEvaluator.TestTruth(log, Day(60));
        Assert.Equal([0, 2], items[start[A]..start[A + 1]].Order());
        Assert.Equal([4], items[start[D]..start[D + 1]]);
        var train = Interactions.Build(log, Day(60), 90);
        Assert.Equal([A, D], RecommendationEvaluator.EvaluatedCustomers(train, start, items, newOnly: false));
        Assert.Equal([A], RecommendationEvaluator.EvaluatedCustomers(train, start, items, newOnly: true));
    }

    [Fact]
    public void Past_favourites_are_only_evaluated_on_all_items_where_they_find_the_repeat_purchase()
    {
        // A's favourites before the cut: P0, P1 (both day 10); after the cut A bought P0 again: 1 hit of k = 3.
        // D's favourites P4, P5; D bought P4 again: 1 hit. Precision@3 = (1/3 + 1/3) / 2.
        var outcome = RecommendationEvaluator.Evaluate(Log(), Options);
        var favourites = outcome.Rows.Single(r => r.Method == RecommendationMethod.PastFavourites);
        Assert.Equal(EvaluationSetting.AllItems, favourites.Setting);
        Assert.Equal(1 / 3.0, favourites.Precision.Value, 12);
        Assert.Equal(1.0, favourites.HitRate.Value, 12);
    }

    [Fact]
    public void In_the_new_items_setting_known_products_are_never_counted_as_hits()
    {
        // Popularity before the cut: P1 (3), P0, P3, P4 (2), P5 (1); P2 was first sold after the cut.
        // A's new-items list skips P0 and P1: P3, P4, P5 — no hit on P2. All-items: P1, P0, P3 — P0 is a hit for A.
        var outcome = RecommendationEvaluator.Evaluate(Log(), Options);
        Assert.Equal(0, outcome.Rows.Single(r => r.Method == RecommendationMethod.GlobalPopularity && r.Setting == EvaluationSetting.NewItems).Precision.Value);
        Assert.True(outcome.Rows.Single(r => r.Method == RecommendationMethod.GlobalPopularity && r.Setting == EvaluationSetting.AllItems).Precision.Value > 0);
    }

    [Fact]
    public void The_default_cut_holds_out_three_calendar_months_ending_on_the_last_day()
    {
        // Data ending 2011-12-09 → test window 2011-09-09 .. 2011-12-09, so the last training day is 2011-09-08.
        var log = new PurchaseLog(["A"], ["P"], ["X"], [0, 0], [0, 0], [0, 1],
            [PurchaseLog.ToDay(new DateOnly(2010, 12, 1)), PurchaseLog.ToDay(new DateOnly(2011, 12, 9))], [1, 1], [1, 1],
            [0], ["all"], [0], ["UK"]);
        Assert.Equal(new DateOnly(2011, 9, 8), RecommendationEvaluator.DefaultCutoff(log));
    }

    [Fact]
    public void A_cut_outside_the_data_is_a_user_error_that_names_the_date_range()
    {
        var error = Assert.Throws<SegmentaException>(() => RecommendationEvaluator.Evaluate(Log(), Options with { Cutoff = new DateOnly(2020, 1, 1) }));
        Assert.Contains("2011-01-11", error.Message);
    }
}
