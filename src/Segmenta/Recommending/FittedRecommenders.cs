using System.Globalization;

namespace Segmenta.Recommending;

/// <summary>Every recommender fitted on one <see cref="Interactions"/> (the training part, or all the data).</summary>
internal sealed class FittedRecommenders
{
    private readonly Dictionary<RecommendationMethod, IRanker> _rankers = [];

    public FittedRecommenders(Interactions data, RecommendationOptions options)
    {
        Data = data;
        var log = data.Log;
        Active = new bool[data.Products];
        for (var p = 0; p < data.Products; p++)
        {
            Active[p] = data.LastSale[p] > data.ReferenceDay - options.ActiveDays;
        }
        var end = PurchaseLog.ToDate(data.ReferenceDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Add(PopularityRanker.Fit(RecommendationMethod.GlobalPopularity, data, int.MinValue, Active, ""));
        Add(PopularityRanker.Fit(RecommendationMethod.RecentPopularity, data, data.ReferenceDay - options.RecentDays, Active,
            $" in the {options.RecentDays} days to {end}"));
        Add(new FavouritesRanker(data, Active));
        var country = GroupBestSellersRanker.Fit(RecommendationMethod.CountryBestSellers, data, log.CustomerCountry, log.CountryNames, Active, "in");
        var segment = GroupBestSellersRanker.Fit(RecommendationMethod.SegmentBestSellers, data, log.CustomerSegment, log.SegmentNames, Active, "with");
        Add(country);
        Add(segment);

        ItemSimilarity = SimilarityNeighbours(data, options);
        Rules = RuleNeighbours(data, options, options.Neighbours);
        IRanker fallback = log.HasSegments ? segment : country;
        var itemToItem = new NeighbourRanker(RecommendationMethod.ItemToItem, data, ItemSimilarity, Active, "often bought with", fallback);
        Add(itemToItem);
        Add(new NeighbourRanker(RecommendationMethod.AssociationRules, data, Rules, Active, "frequently in the same order as", fallback));
        Add(new BlendRanker(itemToItem, segment, fallback, data, options.ColdStartProducts));
    }

    public Interactions Data { get; }

    /// <summary>Products sold within the active window before the reference day.</summary>
    public bool[] Active { get; }

    /// <summary>Cosine similarity of products over customers, pairs with at least MinSupport common customers.</summary>
    public NeighbourList ItemSimilarity { get; }

    /// <summary>Pair rules over orders, by confidence, pairs in at least MinRuleOrders orders with lift above 1.</summary>
    public NeighbourList Rules { get; }

    public IRanker this[RecommendationMethod method] => _rankers[method];

    public IReadOnlyCollection<RecommendationMethod> Methods => _rankers.Keys;

    private void Add(IRanker ranker) => _rankers.Add(ranker.Method, ranker);

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
