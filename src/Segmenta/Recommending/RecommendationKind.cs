namespace Segmenta.Recommending;

/// <summary>Whether a recommended product is one the customer bought before or one new to them.</summary>
public enum RecommendationKind
{
    /// <summary>The customer bought the product before: a reminder to re-order.</summary>
    BuyAgain,

    /// <summary>The customer never bought the product.</summary>
    New,
}
