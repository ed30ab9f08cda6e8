namespace Segmenta.Recommending;

/// <summary>A fitted recommender: ranks products for one customer of the data it was fitted on.</summary>
internal interface IRanker
{
    RecommendationMethod Method { get; }

    /// <summary>
    /// Fills <paramref name="top"/> best first and returns how many were filled. Call <see cref="ScoringBuffer.Begin"/>
    /// for the customer first. With <paramref name="newOnly"/> products the customer already bought are skipped.
    /// </summary>
    int Rank(int customer, bool newOnly, Span<Pick> top, ScoringBuffer buffer);

    /// <summary>
    /// True when the list never holds a product the customer bought, so <c>newOnly</c> does not change it: the offline
    /// evaluation then ranks the customer once for both settings.
    /// </summary>
    bool NeverOffersKnown => false;

    /// <summary>Why the pick was made, in words.</summary>
    string Reason(Pick pick);
}
