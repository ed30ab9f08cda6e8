using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Segmenta.Generating;

/// <summary>
/// Draws the lines of one customer at a time. Purchases follow a known BG/NBD (rate λ ~ gamma(r, α) per business
/// day, dropout p ~ beta(a, b) after each repeat purchase, first purchase uniform over the period); on top come the
/// things real exports contain: favourite products bought again after their cycle, tastes (each customer likes one to
/// three categories, from which a share of their new products is drawn) and complements (a product's partner joins
/// the order with probability <see cref="PartnerShare"/>), Pareto-distributed pack
/// multipliers (a few customers buy most), returns (whole, partial and of more units than bought), cancellations
/// of things never bought, refunds, bad-debt adjustments, postage and fee lines, zero quantities, negative prices,
/// free items, entry errors cancelled minutes later, exact double exports, and guest orders without a customer id.
/// Which cleaning rule each line falls under is not decided here: <see cref="TruthCounter"/> works it out from the
/// lines as written, by the rules of docs/cleaning.md.
/// </summary>
internal sealed class CustomerSimulator
{
    /// <summary>The BG/NBD the purchases are drawn from (time unit: day), as in the CLV benchmark.</summary>
    internal const double R = 0.5, Alpha = 20, A = 0.8, B = 2.5;

    /// <summary>Guest orders (no customer id) drawn per customer order.</summary>
    internal const double GuestShare = 0.3;

    /// <summary>Chance that a product's partner joins the order with it (when the basket has room).</summary>
    internal const double PartnerShare = 0.3;

    /// <summary>The share of a customer's new products drawn from the categories they like: uniform in [TasteShareMin, TasteShareMax].</summary>
    internal const double TasteShareMin = 0.5, TasteShareMax = 0.9;

    private static readonly (string Name, double Weight, long PostageCents)[] Countries =
    [
        ("United Kingdom", 0.880, 0), ("Germany", 0.024, 1800), ("France", 0.022, 1800), ("EIRE", 0.018, 0),
        ("Spain", 0.010, 2800), ("Netherlands", 0.009, 1800), ("Belgium", 0.008, 1500), ("Switzerland", 0.007, 4000),
        ("Portugal", 0.005, 2800), ("Australia", 0.004, 4000), ("Norway", 0.004, 4000), ("Italy", 0.003, 2800),
        ("Sweden", 0.003, 4000), ("Japan", 0.002, 4000), ("Poland", 0.001, 4000),
    ];

    private static readonly double[] CountryCumulative = ShopCalendar.Cumulative(Countries.Select(c => c.Weight).ToArray());

    private readonly ProductCatalog _catalog;
    private readonly ShopCalendar _calendar;
    private readonly Random _random;
    private readonly Gamma _rates;
    private readonly Beta _dropouts;
    private readonly double _basketMean;
    private long _nextInvoice = 536_365;
    private long _sequence;

    internal CustomerSimulator(ProductCatalog catalog, ShopCalendar calendar, Random random, double basketMean)
    {
        _catalog = catalog;
        _calendar = calendar;
        _random = random;
        _rates = new Gamma(R, Alpha, random);
        _dropouts = new Beta(A, B, random);
        _basketMean = basketMean;
    }

    /// <summary>Purchase times (business days) of one customer: the first, then repeats until dropout or the end.</summary>
    internal static List<double> PurchaseTimes(Random random, Gamma rates, Beta dropouts)
    {
        var lambda = rates.Sample();
        var p = dropouts.Sample();
        var now = random.NextDouble() * (ShopCalendar.Days - 1);
        var times = new List<double> { now };
        while (true)
        {
            now += -Math.Log(1 - random.NextDouble()) / lambda;
            if (now >= ShopCalendar.Days)
            {
                return times;
            }
            times.Add(now);
            if (random.NextDouble() < p)
            {
                return times;
            }
        }
    }

    /// <summary>Mean orders per customer of the BG/NBD over the period, from a seeded pilot draw.</summary>
    internal static double MeanOrders(int seed)
    {
        var random = new Random(seed ^ 0x5EED);
        var rates = new Gamma(R, Alpha, random);
        var dropouts = new Beta(A, B, random);
        const int pilot = 20_000;
        long orders = 0;
        for (var i = 0; i < pilot; i++)
        {
            orders += PurchaseTimes(random, rates, dropouts).Count;
        }
        return (double)orders / pilot;
    }

    /// <summary>Appends every line of customer <paramref name="id"/>, and the guest orders drawn alongside, to <paramref name="lines"/>.</summary>
    internal void Customer(long id, List<ShopLine> lines)
    {
        var (country, _, postage) = Countries[ShopCalendar.Pick(CountryCumulative, _random)];
        var times = PurchaseTimes(_random, _rates, _dropouts);
        // Pareto(x_m = 1, shape 1.4) pack multiplier: the top fifth of customers buy most of the units.
        var spend = Math.Min(100, Math.Pow(1 - _random.NextDouble(), -1 / 1.4));
        var favourites = new Dictionary<Product, DateTime>();
        var taste = Taste();
        foreach (var time in times)
        {
            Order(id, country, postage, _calendar.ToDate(time, _random), spend, favourites, taste, lines);
            if (_random.NextDouble() < GuestShare)
            {
                GuestOrder(lines);
            }
        }
        var birth = times[0];
        if (_random.NextDouble() < 0.04)
        {
            // A cancellation of something this customer may never have bought (or not yet).
            var product = _catalog.Draw(_random);
            Add(lines, Invoice('C'), product.StockCode, product.Description, -product.PackSize, LaterDate(birth), product.PriceCents, id, country);
        }
        if (_random.NextDouble() < 0.02)
        {
            var (code, description) = _random.Next(3) switch { 0 => ("M", "Manual"), 1 => ("D", "Discount"), _ => ("CRUK", "CRUK Commission") };
            Add(lines, Invoice('C'), code, description, -1, LaterDate(birth), 100 + _random.Next(20_000), id, country);
        }
        if (_random.NextDouble() < 0.002)
        {
            Add(lines, Invoice('A'), "B", "Adjust bad debt", 1, LaterDate(birth), -(100 + _random.Next(50_000)), id, country);
        }
        if (_random.NextDouble() < 0.003)
        {
            var (code, description, cents) = _random.Next(3) switch
            {
                0 => ("BANK CHARGES", "Bank Charges", 1500L),
                1 => ("AMAZONFEE", "AMAZON FEE", 5000L + _random.Next(100_000)),
                _ => ("M", "Manual", 50L + _random.Next(5_000)),
            };
            Add(lines, Invoice(null), code, description, 1, LaterDate(birth), cents, id, country);
        }
    }

    /// <summary>One customer's taste: one to three liked categories (drawn by their popularity) and the share of new products drawn from them.</summary>
    private Taste Taste()
    {
        var liked = new List<int>(3);
        var count = 1 + _random.Next(3);
        for (var attempt = 0; liked.Count < count && attempt < 10; attempt++)
        {
            var category = _catalog.DrawCategory(_random);
            if (!liked.Contains(category))
            {
                liked.Add(category);
            }
        }
        return new Taste([.. liked], TasteShareMin + (_random.NextDouble() * (TasteShareMax - TasteShareMin)));
    }

    private void Order(long customer, string country, long postage, DateTime date, double spend, Dictionary<Product, DateTime> favourites, Taste taste, List<ShopLine> lines)
    {
        var invoice = Invoice(null);
        var normal = new List<ShopLine>();
        foreach (var product in Basket(date, favourites, taste))
        {
            var quantity = (int)Math.Clamp(Math.Round(product.PackSize * spend * Math.Exp(0.5 * ProductCatalog.Normal(_random))), 1, 5_000);
            var price = product.PriceCents;
            var odd = _random.NextDouble();
            if (odd < 2e-5)
            {
                // An entry error: thousands of units, cancelled a few minutes later.
                var units = 10_000 + _random.Next(70_000);
                Add(lines, invoice, product.StockCode, product.Description, units, date, price, customer, country);
                Add(lines, Invoice('C'), product.StockCode, product.Description, -units, date.AddMinutes(5), price, customer, country);
                continue;
            }
            if (odd < 2e-4)
            {
                quantity = 0;
            }
            else if (odd < 3e-4)
            {
                price = -price;
            }
            else if (odd < 1.3e-3)
            {
                price = 0;
            }
            var line = Add(lines, invoice, product.StockCode, product.Description, quantity, date, price, customer, country);
            favourites[product] = date;
            if (quantity > 0 && price > 0)
            {
                normal.Add(line);
                if (_random.NextDouble() < 0.01)
                {
                    lines.Add(line with { IsCopy = true, Sequence = _sequence++ });
                }
            }
        }
        var postageLine = (ShopLine?)null;
        if (postage > 0 && _random.NextDouble() < 0.7)
        {
            postageLine = Add(lines, invoice, "POST", "POSTAGE", 1 + _random.Next(3), date, postage, customer, country);
        }
        else if (country == "EIRE" && _random.NextDouble() < 0.3)
        {
            postageLine = Add(lines, invoice, "C2", "CARRIAGE", 1, date, 5000, customer, country);
        }
        if (normal.Count > 0 && _random.NextDouble() < 0.08)
        {
            Cancellation(customer, country, date, normal, postageLine, lines);
        }
    }

    /// <summary>Some lines of an order sent back days later: whole, in part, or more units than were bought.</summary>
    private void Cancellation(long customer, string country, DateTime date, List<ShopLine> normal, ShopLine? postage, List<ShopLine> lines)
    {
        var when = date.AddDays(-Math.Log(1 - _random.NextDouble()) * 8).AddMinutes(30);
        if (when >= ShopCalendar.End)
        {
            return;
        }
        var invoice = Invoice('C');
        var count = 1 + _random.Next(Math.Min(3, normal.Count));
        var start = _random.Next(normal.Count);
        for (var i = 0; i < count; i++)
        {
            var line = normal[(start + i) % normal.Count];
            var u = _random.NextDouble();
            var units = line.Quantity > 1 && u < 0.35 ? 1 + _random.Next(line.Quantity - 1)
                : u < 0.38 ? line.Quantity + 1 + _random.Next(line.Quantity)
                : line.Quantity;
            Add(lines, invoice, line.StockCode, line.Description, -units, when, line.PriceCents, customer, country);
        }
        if (postage is not null && _random.NextDouble() < 0.2)
        {
            Add(lines, invoice, postage.StockCode, postage.Description, -postage.Quantity, when, postage.PriceCents, customer, country);
        }
    }

    private void GuestOrder(List<ShopLine> lines)
    {
        var (country, _, _) = Countries[ShopCalendar.Pick(CountryCumulative, _random)];
        var date = _calendar.ToDate(_random.NextDouble() * ShopCalendar.Days, _random);
        var cancelled = _random.NextDouble() < 0.05;
        var invoice = Invoice(cancelled ? 'C' : null);
        foreach (var product in Basket(date, null, null))
        {
            var quantity = (int)Math.Clamp(Math.Round(product.PackSize * Math.Exp(0.7 * ProductCatalog.Normal(_random))), 1, 5_000);
            Add(lines, invoice, product.StockCode, product.Description, cancelled ? -quantity : quantity, date, product.PriceCents, -1, country);
        }
        if (_random.NextDouble() < 0.1)
        {
            Add(lines, invoice, "DOT", "DOTCOM POSTAGE", 1, date, 500 + _random.Next(50_000), -1, country);
        }
    }

    /// <summary>
    /// Distinct products of one order: favourites due again after their cycle, then new products — from the categories the
    /// customer likes (a share of them) or by popularity — each perhaps followed by its partner. Guests have no taste.
    /// </summary>
    private List<Product> Basket(DateTime date, Dictionary<Product, DateTime>? favourites, Taste? taste)
    {
        var size = (int)Math.Min(1 + Math.Floor(-Math.Log(1 - _random.NextDouble()) * (_basketMean - 1)), _catalog.Products.Count / 2);
        var chosen = new List<Product>(size);
        var seen = new HashSet<Product>();
        void Take(Product product)
        {
            if (chosen.Count < size && seen.Add(product))
            {
                chosen.Add(product);
                if (chosen.Count < size && _random.NextDouble() < PartnerShare && seen.Add(_catalog.Products[product.Partner]))
                {
                    chosen.Add(_catalog.Products[product.Partner]);
                }
            }
        }
        if (favourites is not null)
        {
            foreach (var (product, last) in favourites)
            {
                if (chosen.Count < size && (date - last).TotalDays >= product.CycleDays && _random.NextDouble() < 0.5)
                {
                    Take(product);
                }
            }
        }
        for (var attempt = 0; chosen.Count < size && attempt < 20 * size; attempt++)
        {
            Take(taste is { } t && _random.NextDouble() < t.Share ? _catalog.Draw(t.Liked[_random.Next(t.Liked.Length)], _random) : _catalog.Draw(_random));
        }
        return chosen;
    }

    private DateTime LaterDate(double birth) => _calendar.ToDate(birth + _random.NextDouble() * (ShopCalendar.Days - birth), _random);

    private string Invoice(char? prefix)
    {
        var number = (_nextInvoice++).ToString(CultureInfo.InvariantCulture);
        return prefix is { } p ? p + number : number;
    }

    private ShopLine Add(List<ShopLine> lines, string invoice, string stockCode, string description, int quantity, DateTime date,
        long priceCents, long customer, string country)
    {
        var line = new ShopLine(invoice, stockCode, description, quantity, date, priceCents, customer, country, false) { Sequence = _sequence++ };
        lines.Add(line);
        return line;
    }
}
