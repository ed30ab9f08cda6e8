using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

/// <summary>
/// The discovery model ranks the new picks only where it beat popularity on held-out validation customers; on a shop
/// whose customers buy new products by popularity alone the new picks are the popularity list, and the tool says so.
/// </summary>
public class TwoKindSelectionTests
{
    private const int Customers = 1_500, Products = 80, Groups = 4, Days = 480, Cut = 390;

    private static readonly RecommendationOptions Options = new() { EaseMinBuyers = 2, EaseLambda = 20, BootstrapResamples = 200, EvaluationCustomers = 0 };

    private static readonly int CutDay = PurchaseLog.ToDay(new DateOnly(2010, 1, 1)) + Cut;

    /// <summary>
    /// A seeded shop: products drawn by a Zipf popularity; with <paramref name="tasteShare"/> &gt; 0 that share of each
    /// customer's products comes from the fifth of the catalogue their group likes (the same Zipf order within it).
    /// </summary>
    internal static PurchaseLog Shop(double tasteShare, int seed = 1)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(0, Products).Select(p => 1.0 / (p + 3)).ToArray();
        int Draw(IReadOnlyList<int> from)
        {
            var u = random.NextDouble() * from.Sum(p => weights[p]);
            foreach (var p in from)
            {
                u -= weights[p];
                if (u <= 0)
                {
                    return p;
                }
            }
            return from[^1];
        }
        var all = Enumerable.Range(0, Products).ToArray();
        var liked = Enumerable.Range(0, Groups).Select(g => all.Where(p => p % (Groups + 1) == g).ToArray()).ToArray();
        var builder = new PurchaseLogBuilder(Customers * 8L * 6);
        var order = 0;
        var start = PurchaseLog.ToDay(new DateOnly(2010, 1, 1));
        for (var c = 0; c < Customers; c++)
        {
            var group = c % Groups;
            foreach (var day in Enumerable.Range(0, 3 + random.Next(6)).Select(_ => random.Next(Days)).Order())
            {
                var basket = Enumerable.Range(0, 1 + random.Next(6)).Select(_ => random.NextDouble() < tasteShare ? Draw(liked[group]) : Draw(all)).Distinct().Order();
                foreach (var p in basket)
                {
                    builder.Add(c, p, order, start + day, 10_000, 10_000, 0);
                }
                order++;
            }
        }
        var codes = Enumerable.Range(0, Products).Select(p => $"P{p:00}").ToArray();
        return builder.Build([.. Enumerable.Range(0, Customers).Select(c => $"C{c:0000}")], codes, codes, new int[Customers], ["All"], new int[Customers], ["United Kingdom"], false);
    }

    [Fact]
    public void Popularity_ranks_the_new_picks_when_customers_buy_new_products_by_popularity_alone()
    {
        var calibration = new ReferenceDayFits(Shop(tasteShare: 0), Options).Calibration(CutDay);

        Assert.NotEqual(TwoKindDiscovery.EaseModel, calibration.DiscoveryBy);
        Assert.NotNull(calibration.Selection);
        Assert.True(calibration.Selection.Low <= 0, Text(calibration));
        Assert.Contains("no signal beyond popularity", Text(calibration), StringComparison.Ordinal);
        Assert.Equal(0, calibration.Discovery.Coefficients[1]); // the EASE score's weight: left out
    }

    [Fact]
    public void The_discovery_model_ranks_the_new_picks_when_customers_have_tastes()
    {
        var calibration = new ReferenceDayFits(Shop(tasteShare: 0.6), Options).Calibration(CutDay);

        Assert.Equal(TwoKindDiscovery.EaseModel, calibration.DiscoveryBy);
        Assert.True(calibration.Selection!.Low > 0, Text(calibration));
        Assert.True(calibration.Selection.Model > Math.Max(calibration.Selection.Global, calibration.Selection.Recent));
    }

    [Fact]
    public void The_interval_is_the_evaluations_bootstrap_with_the_runs_seed_and_resamples()
    {
        var log = Shop(tasteShare: 0.2);
        var chosen = new ReferenceDayFits(log, Options).Calibration(CutDay).Selection!;
        var again = new ReferenceDayFits(log, Options).Calibration(CutDay).Selection!;
        var otherSeed = new ReferenceDayFits(log, Options with { Seed = 7 }).Calibration(CutDay).Selection!;
        var none = new ReferenceDayFits(log, Options with { BootstrapResamples = 0 }).Calibration(CutDay).Selection!;

        Assert.Equal(chosen, again);
        Assert.Equal(200, chosen.Resamples);
        Assert.Equal(TwoKindSelection.DefaultResamples, none.Resamples); // the evaluation draws none; the choice still needs an interval
        Assert.Equal(chosen.Difference, otherSeed.Difference);
        Assert.NotEqual((chosen.Low, chosen.High), (otherSeed.Low, otherSeed.High)); // drawn, not a formula of the differences
        Assert.True(chosen.Low <= chosen.Difference && chosen.Difference <= chosen.High, Text(new ReferenceDayFits(log, Options).Calibration(CutDay)));
    }

    [Fact]
    public void New_picks_ranked_by_global_popularity_are_the_global_popularity_list_for_every_customer()
    {
        var log = Shop(tasteShare: 0.6);
        var fits = new ReferenceDayFits(log, Options);
        var learned = fits.Calibration(CutDay);
        var (data, features) = fits.State(CutDay);
        var models = new FittedRecommenders(data, Options, features, learned with { DiscoveryBy = TwoKindDiscovery.GlobalPopularity });

        for (var c = 0; c < Customers; c += 7)
        {
            Assert.Equal(NewPicks(models, RecommendationMethod.GlobalPopularity, c), NewPicks(models, RecommendationMethod.Discovery, c));
        }
    }

    [Fact]
    public void On_a_shop_without_tastes_the_default_ties_popularity_on_new_items_and_with_tastes_beats_it()
    {
        var plain = Evaluate(Shop(tasteShare: 0));
        var tasteful = Evaluate(Shop(tasteShare: 0.6));

        Assert.Equal(Precision(plain, RecommendationMethod.GlobalPopularity), Precision(plain, RecommendationMethod.BuyAgainAndDiscovery));
        Assert.True(tasteful.Margin.Low > 0, $"margin {tasteful.Margin}");
        Assert.True(Precision(tasteful, RecommendationMethod.BuyAgainAndDiscovery) > Precision(tasteful, RecommendationMethod.GlobalPopularity));
    }

    private static string Text(TwoKindCalibration calibration) =>
        NewPicksChoice.Of(calibration, PurchaseLog.ToDate(CutDay), calibration, PurchaseLog.ToDate(CutDay))[0].Describe();

    private static EvaluationOutcome Evaluate(PurchaseLog log) =>
        RecommendationEvaluator.Evaluate(log, Options with { Cutoff = PurchaseLog.ToDate(CutDay) });

    private static double Precision(EvaluationOutcome outcome, RecommendationMethod method) =>
        outcome.Rows.Single(r => r.Method == method && r.Setting == EvaluationSetting.NewItems).Precision.Value;

    private static int[] NewPicks(FittedRecommenders models, RecommendationMethod method, int customer)
    {
        var buffer = new ScoringBuffer(models.Data.Products);
        buffer.Begin(models.Data, customer);
        var picks = new Pick[10];
        var n = models[method].Rank(customer, newOnly: true, picks, buffer);
        return [.. picks[..n].Select(p => p.Product)];
    }
}
