namespace Segmenta.Recommending;

/// <summary>
/// One ranked product: its score, the method that produced it, the index that explains it (a product, a group or an
/// entry, depending on the method; -1 when none) and, for a blend, the component whose reason is given.
/// </summary>
internal readonly record struct Pick(int Product, double Score, RecommendationMethod Source, int Because = -1, RecommendationMethod? ExplainedBy = null)
{
    /// <summary>Best first: higher score, then lower product id (ties are broken the same way everywhere).</summary>
    public bool Beats(Pick other) => Outranks(Score, Product, other);

    /// <summary><see cref="Beats"/> for a pick not built yet: its score and product.</summary>
    public static bool Outranks(double score, int product, Pick other) => score > other.Score || (score == other.Score && product < other.Product);
}
