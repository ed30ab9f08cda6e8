namespace Segmenta.Recommending;

/// <summary>The recommenders Segmenta can fit and evaluate. See docs/recommendations.md for each score.</summary>
public enum RecommendationMethod
{
    /// <summary>Baseline: products bought by the most customers.</summary>
    GlobalPopularity,

    /// <summary>Baseline: products bought by the most customers in the last 30 days before the cut.</summary>
    RecentPopularity,

    /// <summary>Baseline: the customer's own most bought products, recent purchases weighted more (all-items setting only).</summary>
    PastFavourites,

    /// <summary>Best-sellers of the customer's country that the customer has not bought.</summary>
    CountryBestSellers,

    /// <summary>Best-sellers of the customer's segment (units, buyers and revenue, rank-normalised) not yet bought.</summary>
    SegmentBestSellers,

    /// <summary>"Customers who bought X also bought Y": cosine similarity of co-purchase counts, scored from the customer's history.</summary>
    ItemToItem,

    /// <summary>"Frequently bought together": pair rules over orders, scored by confidence from the customer's history.</summary>
    AssociationRules,

    /// <summary>Buy-again model: the customer's own products by the learned probability of a re-order (frequency, recency, the product's repurchase cycle).</summary>
    BuyAgain,

    /// <summary>Discovery model: products new to the customer by EASE (closed-form item-item ridge regression) and recent popularity.</summary>
    Discovery,

    /// <summary>Buy-again and discovery picks in one list, ranked by the learned probability of a purchase (the default).</summary>
    BuyAgainAndDiscovery,
}
