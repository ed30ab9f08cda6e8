namespace Segmenta.Recommending;

/// <summary>One product offered to one customer.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Rank">1 for the best offer.</param>
/// <param name="StockCode">The product.</param>
/// <param name="Description">The product's most common description.</param>
/// <param name="Score">The producing method's score (comparable within one customer and method only).</param>
/// <param name="Method">The method that produced this row (a blend's cold-start rows name the fallback).</param>
/// <param name="Reason">Why, in words a salesperson can repeat, naming the evidence ("buy again: you bought it 5 times ...").</param>
/// <param name="Kind">Buy-again (the customer bought it before the reference day) or new.</param>
public sealed record Recommendation(
    string CustomerId,
    int Rank,
    string StockCode,
    string Description,
    double Score,
    RecommendationMethod Method,
    string Reason,
    RecommendationKind Kind);
