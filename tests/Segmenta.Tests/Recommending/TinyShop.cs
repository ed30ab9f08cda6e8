using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

/// <summary>
/// Five customers and six products, built directly as a <see cref="PurchaseLog"/>. Days are offsets from 2011-01-01.
/// A, B, C are "Gift shops", D and E "Wholesalers"; E is in France, the others in the United Kingdom.
/// <code>
/// A: order 0 day 10 {P0, P1}   order 1 day 90 {P0, P2}
/// B: order 2 day 20 {P0, P1, P3}
/// C: order 3 day 30 {P1, P3}
/// D: order 4 day 40 {P4, P5}   order 5 day 95 {P4}
/// E: order 6 day 50 {P4}
/// </code>
/// Every line is one unit at price 1.
/// </summary>
internal static class TinyShop
{
    public const int A = 0, B = 1, C = 2, D = 3, E = 4;

    public static readonly DateOnly Start = new(2011, 1, 1);

    private static readonly (int Customer, int Order, int Day, int[] Products)[] Orders =
    [
        (A, 0, 10, [0, 1]), (A, 1, 90, [0, 2]),
        (B, 2, 20, [0, 1, 3]),
        (C, 3, 30, [1, 3]),
        (D, 4, 40, [4, 5]), (D, 5, 95, [4]),
        (E, 6, 50, [4]),
    ];

    public static int Day(int offset) => PurchaseLog.ToDay(Start) + offset;

    public static PurchaseLog Log()
    {
        var lines = Orders.SelectMany(o => o.Products.Select(p => (o.Customer, Product: p, o.Order, o.Day))).ToList();
        return new PurchaseLog(
            ["A", "B", "C", "D", "E"],
            ["P0", "P1", "P2", "P3", "P4", "P5"],
            ["TEACUP", "SAUCER", "TEAPOT", "CAKE STAND", "PALLET", "CRATE"],
            [.. lines.Select(l => l.Customer)], [.. lines.Select(l => l.Product)], [.. lines.Select(l => l.Order)],
            [.. lines.Select(l => Day(l.Day))], [.. lines.Select(_ => 1.0)], [.. lines.Select(_ => 1.0)],
            [0, 0, 0, 1, 1], ["Gift shops", "Wholesalers"], [0, 0, 0, 0, 1], ["United Kingdom", "France"])
        {
            LineCountry = [.. lines.Select(l => l.Customer == E ? 1 : 0)],
        };
    }

    /// <summary>
    /// A random shop of <paramref name="customers"/> customers and <paramref name="products"/> products: each customer 1-4
    /// orders of 1-8 products, days from <see cref="Start"/> on, lines sorted as the loader sorts them.
    /// </summary>
    public static PurchaseLog RandomLog(int seed, int customers, int products)
    {
        var random = new Random(seed);
        var builder = new PurchaseLogBuilder(customers * 4 * 8);
        var order = 0;
        for (var c = 0; c < customers; c++)
        {
            var day = Day(random.Next(0, 30));
            for (var o = 0; o < 1 + random.Next(4); o++, order++)
            {
                day += random.Next(1, 20);
                foreach (var p in Enumerable.Range(0, 1 + random.Next(8)).Select(_ => random.Next(products)).Distinct().Order())
                {
                    builder.Add(c, p, order, day, 10_000, 10_000 * (1 + p), 0);
                }
            }
        }
        var codes = Enumerable.Range(0, products).Select(p => $"P{p}").ToArray();
        return builder.Build([.. Enumerable.Range(0, customers).Select(c => $"C{c}")], codes, codes, new int[customers], ["All"], new int[customers], ["Country"], false);
    }

    /// <summary>Every recommender fitted on the purchases up to <paramref name="dayOffset"/> (default: all of them).</summary>
    public static FittedRecommenders Fit(RecommendationOptions? options = null, int dayOffset = 100) =>
        Fit(Log(), options ?? Options, dayOffset);

    public static FittedRecommenders Fit(PurchaseLog log, RecommendationOptions options, int dayOffset) =>
        new(Interactions.Build(log, Day(dayOffset), options.RecencyHalfLifeDays), options);

    /// <summary>Support 1 and 1 order so that the tiny counts form pairs; a half-life of 90 days; every product in EASE.</summary>
    public static RecommendationOptions Options { get; } = new()
    {
        MinSupport = 1, MinRuleOrders = 1, RecencyHalfLifeDays = 90, ActiveDays = 365, EaseMinBuyers = 1, EaseLambda = 1,
    };

    /// <summary>The ranked products (as "P0".."P5") and picks of one method for one customer.</summary>
    public static (string[] Products, Pick[] Picks) Rank(FittedRecommenders models, RecommendationMethod method, int customer, bool newOnly, int top = 10)
    {
        var buffer = new ScoringBuffer(models.Data.Products);
        buffer.Begin(models.Data, customer);
        var picks = new Pick[top];
        var n = models[method].Rank(customer, newOnly, picks, buffer);
        return ([.. picks[..n].Select(p => models.Data.Log.StockCodes[p.Product])], picks[..n]);
    }
}
