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

    /// <summary>Rank fusion of item-to-item and segment best-sellers, with a cold-start fallback.</summary>
    Blend,
}
