namespace Segmenta.Recommending;

/// <summary>
/// What the buy-again and discovery models know at a reference day, all from the purchases up to it: the EASE model,
/// each product's repurchase cycle and recent buyers, each customer's orders and last order day; and the features
/// of a (customer, product) pair for either model.
/// </summary>
internal sealed class TwoKindFeatures
{
    /// <summary>Buy-again features: log1p orders of the product, log1p days since, log cycle ratio and its square, log1p decayed weight, customer orders, customer idle days, recent buyers, EASE score.</summary>
    public const int BuyAgainCount = 9;

    /// <summary>Discovery features: EASE score, log1p recent buyers, log1p customer orders, log1p customer idle days, log1p distinct products.</summary>
    public const int DiscoveryCount = 5;

    private TwoKindFeatures(Interactions data, bool[] active, EaseModel ease, double[] cycleDays, int[] recentBuyers, int[] customerOrders, int[] customerLastDay, int recentDays)
    {
        (Data, Active, Ease, CycleDays, RecentBuyers, CustomerOrders, CustomerLastDay, RecentDays) =
            (data, active, ease, cycleDays, recentBuyers, customerOrders, customerLastDay, recentDays);
        LogRecentBuyers = [.. recentBuyers.Select(b => Math.Log(1 + b))];
        GlobalBuyers = [.. Enumerable.Range(0, data.Products).Select(data.BuyerCount)];
        LogGlobalBuyers = [.. GlobalBuyers.Select(b => Math.Log(1 + b))];
        GlobalOrder = PopularFirst(GlobalBuyers, active);
        RecentOrder = PopularFirst(recentBuyers, active);
    }

    public Interactions Data { get; }

    public bool[] Active { get; }

    public EaseModel Ease { get; }

    /// <summary>Median days between two purchases of the product by the same customer (all products' median when fewer than 3 such gaps).</summary>
    public double[] CycleDays { get; }

    /// <summary>Distinct buyers in the RecentDays up to the reference day.</summary>
    public int[] RecentBuyers { get; }

    /// <summary>log(1 + <see cref="RecentBuyers"/>), the popularity feature of both models.</summary>
    public double[] LogRecentBuyers { get; }

    /// <summary>Distinct buyers up to the reference day.</summary>
    public int[] GlobalBuyers { get; }

    /// <summary>log(1 + <see cref="GlobalBuyers"/>).</summary>
    public double[] LogGlobalBuyers { get; }

    /// <summary>Active products with a buyer, most buyers first, ties by product id: the GlobalPopularity list.</summary>
    public int[] GlobalOrder { get; }

    /// <summary>Active products with a recent buyer, most recent buyers first, ties by product id: the RecentPopularity list.</summary>
    public int[] RecentOrder { get; }

    /// <summary>The popularity order of a popularity source (<see cref="GlobalOrder"/> or <see cref="RecentOrder"/>).</summary>
    public int[] Order(TwoKindDiscovery source) => source == TwoKindDiscovery.GlobalPopularity ? GlobalOrder : RecentOrder;

    /// <summary>The log popularity feature of a source: global buyers for <see cref="TwoKindDiscovery.GlobalPopularity"/>, else recent buyers.</summary>
    public double[] LogPopularity(TwoKindDiscovery source) => source == TwoKindDiscovery.GlobalPopularity ? LogGlobalBuyers : LogRecentBuyers;

    public int[] CustomerOrders { get; }

    public int[] CustomerLastDay { get; }

    public int RecentDays { get; }

    public static TwoKindFeatures Fit(Interactions data, bool[] active, RecommendationOptions options, EaseModel? ease = null)
    {
        var log = data.Log;
        ease ??= EaseModel.Fit(data, active, options.EaseProducts, options.EaseMinBuyers, options.EaseLambda, options.EaseHalfLifeDays);
        var gaps = new List<int>[data.Products];
        var lastDay = new int[data.Products];
        var stamp = new int[data.Products];
        var recent = new int[data.Products];
        var recentStamp = new int[data.Products];
        var orders = new int[data.Customers];
        var customerLast = new int[data.Customers];
        Array.Fill(customerLast, int.MinValue);
        var allGaps = new List<int>();
        for (var c = 0; c < data.Customers; c++)
        {
            var previousOrder = -1;
            for (var l = log.CustomerStart[c]; l < log.CustomerStart[c + 1] && log.Day[l] <= data.ReferenceDay; l++)
            {
                var (p, day) = (log.Product[l], log.Day[l]);
                orders[c] += log.Order[l] != previousOrder ? 1 : 0;
                previousOrder = log.Order[l];
                customerLast[c] = day;
                if (stamp[p] == c + 1 && day > lastDay[p])
                {
                    (gaps[p] ??= []).Add(day - lastDay[p]);
                    allGaps.Add(day - lastDay[p]);
                }
                stamp[p] = c + 1;
                lastDay[p] = day;
                if (day > data.ReferenceDay - options.RecentDays && recentStamp[p] != c + 1)
                {
                    recentStamp[p] = c + 1;
                    recent[p]++;
                }
            }
        }
        var overall = Median(allGaps) ?? options.ActiveDays;
        var cycle = new double[data.Products];
        for (var p = 0; p < data.Products; p++)
        {
            cycle[p] = gaps[p] is { Count: >= 3 } g ? Median(g)!.Value : overall;
        }
        return new TwoKindFeatures(data, active, ease, cycle, recent, orders, customerLast, options.RecentDays);
    }

    public void BuyAgain(int customer, int entry, double easeScore, Span<double> into)
    {
        var data = Data;
        var p = data.Items[entry];
        var since = data.ReferenceDay - data.LastDay[entry];
        var ratio = Math.Log((since + 1) / (CycleDays[p] + 1));
        into[0] = Math.Log(1 + data.OrderCount[entry]);
        into[1] = Math.Log(1 + since);
        into[2] = ratio;
        into[3] = ratio * ratio;
        into[4] = Math.Log(1 + data.Weight[entry]);
        into[5] = Math.Log(1 + CustomerOrders[customer]);
        into[6] = Math.Log(1 + IdleDays(customer));
        into[7] = LogRecentBuyers[p];
        into[8] = easeScore;
    }

    public void Discovery(int customer, int product, double easeScore, Span<double> into)
    {
        into[0] = easeScore;
        into[1] = LogRecentBuyers[product];
        into[2] = Math.Log(1 + CustomerOrders[customer]);
        into[3] = Math.Log(1 + IdleDays(customer));
        into[4] = Math.Log(1 + Data.Distinct(customer));
    }

    /// <summary>Days since the customer's last order (0 for a customer with none yet).</summary>
    private int IdleDays(int customer) => CustomerLastDay[customer] == int.MinValue ? 0 : Data.ReferenceDay - CustomerLastDay[customer];

    private static int[] PopularFirst(int[] buyers, bool[] active) =>
        [.. Enumerable.Range(0, buyers.Length).Where(p => active[p] && buyers[p] > 0).OrderByDescending(p => buyers[p]).ThenBy(p => p)];

    private static double? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2.0;
    }
}
