namespace Segmenta.Recommending;

/// <summary>
/// Reciprocal rank fusion of item-to-item and segment best-sellers: score(j) = Σ over the two lists of
/// 1 / (60 + rank of j in that list), each list cut at <see cref="Depth"/> (Cormack, Clarke &amp; Büttcher 2009; 60 is
/// their constant). A product high on both lists wins; the reason comes from the list where it ranks higher.
/// Cold start: customers with fewer than the configured distinct products get the fallback list (segment
/// best-sellers, or country best-sellers when there are no segments) unchanged, and its method is named.
/// </summary>
internal sealed class BlendRanker(IRanker itemToItem, IRanker segment, IRanker fallback, Interactions data, int coldStartProducts) : IRanker
{
    public const int Depth = 50;
    private const double RankConstant = 60;

    public RecommendationMethod Method => RecommendationMethod.Blend;

    public int Rank(int customer, bool newOnly, Span<Pick> top, ScoringBuffer buffer)
    {
        if (data.Distinct(customer) < coldStartProducts)
        {
            return fallback.Rank(customer, newOnly, top, buffer);
        }
        Span<Pick> first = stackalloc Pick[Math.Max(Depth, top.Length)];
        Span<Pick> second = stackalloc Pick[Math.Max(Depth, top.Length)];
        var n1 = itemToItem.Rank(customer, newOnly, first, buffer);
        var n2 = segment.Rank(customer, newOnly, second, buffer);
        // Fuse through the buffer: Because holds the rank (1-based) in the list that explains the product.
        for (var r = 0; r < n1; r++)
        {
            buffer.Touch(first[r].Product, 1 / (RankConstant + r + 1), r, 1.0 / (r + 1));
        }
        for (var r = 0; r < n2; r++)
        {
            buffer.Touch(second[r].Product, 1 / (RankConstant + r + 1), -1 - r, 1.0 / (r + 1));
        }
        var count = 0;
        for (var t = 0; t < buffer.TouchedCount; t++)
        {
            var j = buffer.Touched[t];
            var because = buffer.Because[j];
            var component = because >= 0 ? first[because] : second[-1 - because];
            count = TopPicks.Offer(top, count, new Pick(j, buffer.Scores[j], Method, component.Because, component.Source));
        }
        buffer.Clear();
        return count;
    }

    public string Reason(Pick pick)
    {
        var source = pick.ExplainedBy ?? pick.Source;
        return source == itemToItem.Method ? itemToItem.Reason(pick)
            : source == segment.Method ? segment.Reason(pick)
            : fallback.Reason(pick);
    }
}
