namespace Segmenta.Recommending;

/// <summary>
/// Ranking metrics of one list against one customer's set of relevant products, with binary relevance
/// (the usual top-N definitions, e.g. Manning, Raghavan &amp; Schütze, "Introduction to Information Retrieval", ch. 8,
/// and Järvelin &amp; Kekäläinen 2002 for DCG):
/// precision@k = hits / k (k even when fewer are offered); recall@k = hits / |T|;
/// AP@k = (1 / min(|T|, k)) · Σ over hit ranks r ≤ k of hits within the first r / r;
/// NDCG@k = Σ over hit ranks 1 / log2(r + 1), divided by Σ for r = 1..min(|T|, k) of 1 / log2(r + 1); hit = hits &gt; 0.
/// </summary>
internal static class RankingMetrics
{
    public const int Count = 5;

    /// <summary>Writes precision, recall, AP, NDCG and hit into <paramref name="into"/> (5 values).</summary>
    /// <param name="hitAtRank">For each offered product, best first: whether it is relevant.</param>
    /// <param name="relevant">|T|, the number of relevant products.</param>
    /// <param name="k">The cut-off.</param>
    /// <param name="into">Receives the five metrics.</param>
    public static void Compute(ReadOnlySpan<bool> hitAtRank, int relevant, int k, Span<double> into)
    {
        var hits = 0;
        var precisionSum = 0.0;
        var dcg = 0.0;
        for (var r = 0; r < Math.Min(k, hitAtRank.Length); r++)
        {
            if (hitAtRank[r])
            {
                hits++;
                precisionSum += (double)hits / (r + 1);
                dcg += 1 / Math.Log2(r + 2);
            }
        }
        var ideal = 0.0;
        for (var r = 0; r < Math.Min(relevant, k); r++)
        {
            ideal += 1 / Math.Log2(r + 2);
        }
        into[0] = (double)hits / k;
        into[1] = relevant == 0 ? 0 : (double)hits / relevant;
        into[2] = relevant == 0 ? 0 : precisionSum / Math.Min(relevant, k);
        into[3] = ideal == 0 ? 0 : dcg / ideal;
        into[4] = hits > 0 ? 1 : 0;
    }
}
