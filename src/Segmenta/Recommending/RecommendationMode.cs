namespace Segmenta.Recommending;

/// <summary>Which kinds of picks the default list holds (<c>--mode</c>).</summary>
public enum RecommendationMode
{
    /// <summary>Buy-again and new products in one list, ranked by the probability of a purchase (the mix learned on validation).</summary>
    Both,

    /// <summary>Only products the customer bought before (buy-again model).</summary>
    BuyAgain,

    /// <summary>Only products new to the customer (EASE discovery model).</summary>
    Discover,
}
