namespace Segmenta.Recommending;

/// <summary>
/// One ranked product: its score, the method that produced it, the index that explains it (a product, a group or an
/// entry, depending on the method; -1 when none) and, for a blend, the component whose reason is given.
/// </summary>
internal readonly record struct Pick(int Product, double Score, RecommendationMethod Source, int Because = -1, RecommendationMethod? ExplainedBy = null)
{
    /// <summary>Best first: higher score, then lower product id (ties are broken the same way everywhere).</summary>
    public bool Beats(Pick other) => Score > other.Score || (Score == other.Score && Product < other.Product);
}
