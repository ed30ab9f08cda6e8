using Segmenta.Generating;

namespace Segmenta.Tests.Generating;

/// <summary>A generated shop carries signal beyond popularity: customers have category tastes and products have partners.</summary>
public class ShopAffinityTests
{
    private static List<ShopLine> Lines(int customers, int seed)
    {
        var random = new Random(seed);
        var catalog = new ProductCatalog(4_000, random);
        var simulator = new CustomerSimulator(catalog, new ShopCalendar(), random, ShopGenerator.DefaultBasketMean);
        var lines = new List<ShopLine>();
        for (var c = 0; c < customers; c++)
        {
            simulator.Customer(c, lines);
        }
        return [.. lines.Where(l => l.Customer >= 0 && l.Quantity > 0 && l.PriceCents > 0 && !l.IsCopy && int.TryParse(l.StockCode, out _))];
    }

    private static int Category(ShopLine line) => (int.Parse(line.StockCode, System.Globalization.CultureInfo.InvariantCulture) - 10_002) % 40;

    [Fact]
    public void A_customers_later_new_products_come_from_the_categories_of_their_first_order_more_often_than_from_anothers()
    {
        var byCustomer = Lines(3_000, seed: 5).GroupBy(l => l.Customer)
            .Select(g => g.GroupBy(l => l.Invoice).OrderBy(o => o.Min(l => l.Date)).ThenBy(o => o.Key, StringComparer.Ordinal).ToArray())
            .Where(orders => orders.Length >= 2).ToArray();
        var (own, other, later) = (0, 0, 0);
        for (var i = 0; i < byCustomer.Length; i++)
        {
            var first = byCustomer[i][0].Select(Category).ToHashSet();
            var neighboursFirst = byCustomer[(i + 1) % byCustomer.Length][0].Select(Category).ToHashSet();
            var bought = byCustomer[i][0].Select(l => l.StockCode).ToHashSet();
            foreach (var line in byCustomer[i].Skip(1).SelectMany(o => o).Where(l => !bought.Contains(l.StockCode)))
            {
                later++;
                own += first.Contains(Category(line)) ? 1 : 0;
                other += neighboursFirst.Contains(Category(line)) ? 1 : 0;
            }
        }

        Assert.True(byCustomer.Length > 300, $"{byCustomer.Length} customers with two orders");
        Assert.True(own > 1.2 * other, $"own categories {own}, another customer's {other}, of {later} later new products");
    }

    [Fact]
    public void A_products_partner_is_in_its_orders_far_more_often_than_its_popularity_explains()
    {
        var random = new Random(5);
        var catalog = new ProductCatalog(4_000, random);
        var lines = Lines(3_000, seed: 5);
        var orders = lines.GroupBy(l => l.Invoice).Select(o => o.Select(l => l.StockCode).ToHashSet()).ToArray();
        var best = catalog.Products[0];
        var partner = catalog.Products[best.Partner];

        var withBest = orders.Where(o => o.Contains(best.StockCode)).ToArray();
        var partnerGivenBest = (double)withBest.Count(o => o.Contains(partner.StockCode)) / withBest.Length;
        var partnerOverall = (double)orders.Count(o => o.Contains(partner.StockCode)) / orders.Length;

        Assert.NotEqual(best.Category, partner.Category);
        Assert.True(partnerGivenBest > 3 * partnerOverall, $"P(partner | best-seller) {partnerGivenBest:0.000}, P(partner) {partnerOverall:0.000}");
    }
}
