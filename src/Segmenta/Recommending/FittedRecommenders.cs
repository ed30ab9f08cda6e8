using System.Globalization;

namespace Segmenta.Recommending;

/// <summary>Every recommender on one <see cref="Interactions"/> (the training part, or all the data), each fitted when first asked for.</summary>
internal sealed class FittedRecommenders
{
    private readonly Dictionary<RecommendationMethod, Lazy<IRanker>> _rankers = [];
    private readonly Lazy<NeighbourList> _itemSimilarity;
    private readonly Lazy<NeighbourList> _rules;
    private readonly Lazy<TwoKindFeatures> _twoKind;

    /// <summary>
    /// Every recommender on <paramref name="data"/>, each fitted when first used. The buy-again and discovery models use
    /// <paramref name="twoKind"/> (fitted here when null) and <paramref name="calibration"/> (the prior when null).
    /// </summary>
    public FittedRecommenders(Interactions data, RecommendationOptions options, TwoKindFeatures? twoKind = null, TwoKindCalibration? calibration = null)
    {
        Data = data;
        var log = data.Log;
        Active = ActiveProducts(data, options);
        var active = Active;
        var end = PurchaseLog.ToDate(data.ReferenceDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Add(RecommendationMethod.GlobalPopularity, () => PopularityRanker.Fit(RecommendationMethod.GlobalPopularity, data, int.MinValue, active, ""));
        Add(RecommendationMethod.RecentPopularity, () => PopularityRanker.Fit(RecommendationMethod.RecentPopularity, data, data.ReferenceDay - options.RecentDays, active,
            $" in the {options.RecentDays} days to {end}"));
        Add(RecommendationMethod.PastFavourites, () => new FavouritesRanker(data, active));
        // Country and segment as known at the reference day (no look-ahead into the test period).
        Add(RecommendationMethod.CountryBestSellers, () =>
            GroupBestSellersRanker.Fit(RecommendationMethod.CountryBestSellers, data, data.CustomerCountry, log.CountryNames, active, "in"));
        Add(RecommendationMethod.SegmentBestSellers, () =>
        {
            var (groupOf, names) = SegmentsAsOf.Compute(data, options.Seed);
            return GroupBestSellersRanker.Fit(RecommendationMethod.SegmentBestSellers, data, groupOf, names, active, "with");
        });
        _itemSimilarity = new(() => SimilarityNeighbours(data, options));
        _rules = new(() => RuleNeighbours(data, options, options.Neighbours));
        IRanker Fallback() => this[log.HasSegments ? RecommendationMethod.SegmentBestSellers : RecommendationMethod.CountryBestSellers];
        Add(RecommendationMethod.ItemToItem, () => new NeighbourRanker(RecommendationMethod.ItemToItem, data, ItemSimilarity, active, "often bought with", Fallback()));
        Add(RecommendationMethod.AssociationRules, () => new NeighbourRanker(RecommendationMethod.AssociationRules, data, Rules, active, "frequently in the same order as", Fallback()));
        _twoKind = new(() => twoKind ?? TwoKindFeatures.Fit(data, active, options));
        Calibration = calibration ?? TwoKindCalibration.Prior;
        foreach (var method in (RecommendationMethod[])[RecommendationMethod.BuyAgain, RecommendationMethod.Discovery, RecommendationMethod.BuyAgainAndDiscovery])
        {
            Add(method, () => new TwoKindRanker(method, TwoKind, Calibration));
        }
    }

    public Interactions Data { get; }

    /// <summary>Products sold within the active window before the reference day.</summary>
    public bool[] Active { get; }

    /// <summary>Cosine similarity of products over customers, pairs with at least MinSupport common customers.</summary>
    public NeighbourList ItemSimilarity => _itemSimilarity.Value;

    /// <summary>Pair rules over orders, by confidence, pairs in at least MinRuleOrders orders with lift above 1.</summary>
    public NeighbourList Rules => _rules.Value;

    /// <summary>What the buy-again and discovery models know at the reference day.</summary>
    public TwoKindFeatures TwoKind => _twoKind.Value;

    /// <summary>The learned weights of the buy-again and discovery models.</summary>
    public TwoKindCalibration Calibration { get; }

    public IRanker this[RecommendationMethod method] => _rankers[method].Value;

    public IReadOnlyCollection<RecommendationMethod> Methods => _rankers.Keys;

    /// <summary>
    /// Fits every ranker, side by side where no fit needs another: first every value that reads only the data
    /// (<see cref="IndependentFits"/>), then the rankers that join such values (<see cref="Joining"/>: the neighbour
    /// rankers their list and fall-back, the buy-again and discovery rankers the features), which costs next to nothing.
    /// So no fit waits for another: a thread-pool worker blocked on a value being computed elsewhere could leave that
    /// computation's own parallel loops without a worker for as long as the pool takes to grow (decision 92). Throws the
    /// fits' failures as an <see cref="AggregateException"/>; a failed ranker keeps its exception (asked for again, it
    /// throws it).
    /// </summary>
    public void FitSideBySide()
    {
        Parallel.ForEach(IndependentFits(), fit => fit());
        foreach (var method in Joining)
        {
            _ = this[method];
        }
    }

    /// <summary>The rankers made from other fitted values: the neighbour rankers and the buy-again and discovery rankers.</summary>
    internal static readonly RecommendationMethod[] Joining =
        [RecommendationMethod.ItemToItem, RecommendationMethod.AssociationRules, RecommendationMethod.BuyAgain, RecommendationMethod.Discovery, RecommendationMethod.BuyAgainAndDiscovery];

    /// <summary>
    /// The fits that read only the data, each computing one value and asking for no other: the neighbour lists and the
    /// buy-again and discovery features, and every ranker but the <see cref="Joining"/> ones. The longest first (the two
    /// lists, then the segment best-sellers' clustering) so that the short ones fill in after them.
    /// </summary>
    internal Action[] IndependentFits() =>
        [() => _ = ItemSimilarity, () => _ = Rules, () => _ = TwoKind,
            .. Methods.Where(m => !Joining.Contains(m)).OrderByDescending(m => m == RecommendationMethod.SegmentBestSellers).Select(m => (Action)(() => _ = this[m]))];

    /// <summary>How many of the rankers, neighbour lists and features have been computed.</summary>
    internal int ComputedValues => _rankers.Values.Count(r => r.IsValueCreated) + (_itemSimilarity.IsValueCreated ? 1 : 0) + (_rules.IsValueCreated ? 1 : 0) + (_twoKind.IsValueCreated ? 1 : 0);

    /// <summary>Products sold in the ActiveDays up to the reference day: only these are offered.</summary>
    internal static bool[] ActiveProducts(Interactions data, RecommendationOptions options)
    {
        var active = new bool[data.Products];
        for (var p = 0; p < data.Products; p++)
        {
            active[p] = data.LastSale[p] > data.ReferenceDay - options.ActiveDays;
        }
        return active;
    }

    private void Add(RecommendationMethod method, Func<IRanker> fit) => _rankers.Add(method, new Lazy<IRanker>(fit));

    /// <summary>cosine(i, j) = customers who bought both / √(buyers of i · buyers of j).</summary>
    internal static NeighbourList SimilarityNeighbours(Interactions data, RecommendationOptions options) =>
        CoOccurrence.Neighbours(data.RowStart, data.Items, data.ColumnStart, data.Buyers, data.Products,
            options.MinSupport, options.Neighbours,
            (i, j, together) => together / Math.Sqrt((double)data.BuyerCount(i) * data.BuyerCount(j)));

    /// <summary>Rules i → j by confidence = orders with both / orders with i; kept when lift = confidence / P(j) exceeds 1.</summary>
    internal static NeighbourList RuleNeighbours(Interactions data, RecommendationOptions options, int perProduct)
    {
        var (start, orders) = Interactions.Transpose(data.BasketStart, data.BasketItems, data.Products);
        double baskets = data.Baskets;
        return CoOccurrence.Neighbours(data.BasketStart, data.BasketItems, start, orders, data.Products,
            options.MinRuleOrders, perProduct,
            (i, j, together) =>
            {
                var confidence = (double)together / (start[i + 1] - start[i]);
                var lift = confidence / ((start[j + 1] - start[j]) / baskets);
                return lift > 1 ? confidence : double.NaN;
            });
    }
}
