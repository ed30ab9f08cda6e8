using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

/// <summary>Nothing after the cut reaches what scores a customer at the cut.</summary>
public class LeakageTests
{
    internal const int Customers = 60, Products = 15, Days = 400, Cut = 300;

    internal static readonly RecommendationOptions Options = new()
    {
        EaseMinBuyers = 2, EaseLambda = 5, MinSupport = 1, MinRuleOrders = 1, BootstrapResamples = 0,
    };

    /// <summary>
    /// A seeded shop of 60 customers over 400 days in two countries and three stored segments. Lines up to day 300 come
    /// from one generator; lines after it from another seeded with <paramref name="testSeed"/>, which also decides
    /// every customer's country after the cut and the stored (full-data) segment and country of each customer.
    /// </summary>
    internal static PurchaseLog Shop(int testSeed)
    {
        var before = new Random(1);
        var after = new Random(testSeed);
        var lines = new List<(int Customer, int Product, int Order, int Day, int Country)>();
        var order = 0;
        for (var c = 0; c < Customers; c++)
        {
            var taste = c % 3;
            foreach (var day in Enumerable.Range(0, 8).Select(_ => before.Next(Cut + 1)).Concat(Enumerable.Range(0, 4).Select(_ => Cut + 1 + after.Next(Days - Cut))).Order())
            {
                var random = day <= Cut ? before : after;
                var country = day <= Cut ? c % 2 : after.Next(2);
                foreach (var p in Enumerable.Range(0, 3).Select(_ => (taste * 5 + random.Next(7)) % Products).Distinct().Order())
                {
                    lines.Add((c, p, order, day, country));
                }
                order++;
            }
        }
        lines = [.. lines.OrderBy(l => l.Customer).ThenBy(l => l.Day).ThenBy(l => l.Order).ThenBy(l => l.Product)];
        var start = PurchaseLog.ToDay(new DateOnly(2010, 1, 1));
        return new PurchaseLog(
            [.. Enumerable.Range(0, Customers).Select(c => $"C{c:00}")], [.. Enumerable.Range(0, Products).Select(p => $"P{p:00}")],
            [.. Enumerable.Range(0, Products).Select(p => $"PRODUCT {p}")],
            [.. lines.Select(l => l.Customer)], [.. lines.Select(l => l.Product)], [.. lines.Select(l => l.Order)], [.. lines.Select(l => start + l.Day)],
            [.. lines.Select(l => 1.0 + l.Product)], [.. lines.Select(l => 2.0 + l.Product)],
            [.. Enumerable.Range(0, Customers).Select(_ => after.Next(3))], ["Low", "Middle", "High"],
            [.. Enumerable.Range(0, Customers).Select(_ => after.Next(2))], ["France", "United Kingdom"])
        {
            LineCountry = [.. lines.Select(l => l.Country)],
        };
    }

    [Fact]
    public void Changing_the_test_period_changes_nothing_the_models_learned_at_the_cut()
    {
        var original = Shop(testSeed: 2);
        var changed = Shop(testSeed: 3);
        var cutDay = PurchaseLog.ToDay(new DateOnly(2010, 1, 1)) + Cut;
        Assert.False(original.Product.SequenceEqual(changed.Product) && original.Day.SequenceEqual(changed.Day), "the test periods should differ");

        var a = new ReferenceDayFits(original, Options).Fit(cutDay);
        var b = new ReferenceDayFits(changed, Options).Fit(cutDay);

        Assert.Equal(a.Data.Items, b.Data.Items);
        Assert.Equal(a.Data.Weight, b.Data.Weight);
        Assert.Equal(a.Data.CustomerCountry, b.Data.CustomerCountry);
        Assert.Equal(SegmentsAsOf.Compute(a.Data, 0).GroupOf, SegmentsAsOf.Compute(b.Data, 0).GroupOf);
        Assert.Equal(a.Active, b.Active);
        Assert.Equal(a.TwoKind.Ease.Weights, b.TwoKind.Ease.Weights);
        Assert.Equal(a.TwoKind.CycleDays, b.TwoKind.CycleDays);
        Assert.Equal(a.TwoKind.RecentBuyers, b.TwoKind.RecentBuyers);
        Assert.True(a.Calibration.Customers > 0, "the weights were learned on a validation split, not the prior");
        Assert.Equal(a.Calibration.BuyAgain.Coefficients, b.Calibration.BuyAgain.Coefficients);
        Assert.Equal(a.Calibration.Discovery.Coefficients, b.Calibration.Discovery.Coefficients);
        foreach (var method in a.Methods)
        {
            foreach (var newOnly in (bool[])[false, true])
            {
                for (var c = 0; c < Customers; c++)
                {
                    Assert.Equal(Ranked(a, method, c, newOnly), Ranked(b, method, c, newOnly));
                }
            }
        }
    }

    [Fact]
    public void The_evaluation_uses_segments_clustered_at_the_cut_not_the_stored_ones()
    {
        // The stored segments (decided by the test-period generator) differ between the two shops; the groups used at the cut do not.
        var original = Shop(testSeed: 2);
        var changed = Shop(testSeed: 3);
        Assert.NotEqual(original.CustomerSegment, changed.CustomerSegment);
        var cutDay = PurchaseLog.ToDay(new DateOnly(2010, 1, 1)) + Cut;
        var (groups, names) = SegmentsAsOf.Compute(Interactions.Build(original, cutDay, 90), seed: 0);
        Assert.Equal(groups, SegmentsAsOf.Compute(Interactions.Build(changed, cutDay, 90), seed: 0).GroupOf);
        Assert.Equal(4, names.Length); // three segments as stored, plus "no purchase yet"
        // On all the data (reference = last day) the stored segments are used as they are.
        Assert.Equal(original.CustomerSegment, SegmentsAsOf.Compute(Interactions.Build(original, original.LastDay, 90), seed: 0).GroupOf);
    }

    internal static string Ranked(FittedRecommenders models, RecommendationMethod method, int customer, bool newOnly)
    {
        var buffer = new ScoringBuffer(models.Data.Products);
        buffer.Begin(models.Data, customer);
        var picks = new Pick[10];
        var n = models[method].Rank(customer, newOnly, picks, buffer);
        return string.Join(";", picks[..n].Select(p => $"{p.Product}:{p.Score:R}:{models[method].Reason(p)}"));
    }
}
