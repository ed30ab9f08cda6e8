namespace Segmenta.Recommending;

/// <summary>
/// Scores products from the customer's own history through a product → product neighbour list:
/// score(j) = Σ over the customer's products i of weight(i) · s(i, j), where weight(i) = Σ over the customer's orders of
/// i of 0.5^(age / half-life) and s is cosine similarity (item-to-item) or rule confidence (association rules).
/// The reason names the product i that contributed most. Products the customer bought are never offered. A list
/// shorter than asked (a customer whose products have no neighbours) is topped up from the fallback ranker, whose
/// method and reason those rows keep.
/// </summary>
internal sealed class NeighbourRanker(RecommendationMethod method, Interactions data, NeighbourList neighbours, bool[] active, string reasonPrefix, IRanker fallback) : IRanker
{
    public RecommendationMethod Method => method;

    public NeighbourList Neighbours => neighbours;

    public bool NeverOffersKnown => fallback.NeverOffersKnown;

    public int Rank(int customer, bool newOnly, Span<Pick> top, ScoringBuffer buffer)
    {
        // The arrays in locals: the loop runs Σ over the customer's products of their neighbours (50 each) times.
        var (start, item, score) = (neighbours.Start, neighbours.Item, neighbours.Score);
        var (items, weights) = (data.Items, data.Weight);
        for (var e = data.RowStart[customer]; e < data.RowStart[customer + 1]; e++)
        {
            var i = items[e];
            var w = weights[e];
            for (var n = start[i]; n < start[i + 1]; n++)
            {
                var j = item[n];
                if (active[j] && !buffer.Knows(j))
                {
                    var contribution = w * score[n];
                    buffer.Touch(j, contribution, i, contribution);
                }
            }
        }
        var (scores, because, touched) = (buffer.Scores, buffer.Because, buffer.Touched);
        var count = 0;
        for (var t = 0; t < buffer.TouchedCount; t++)
        {
            var j = touched[t];
            if (!TopPicks.Rejects(top, count, scores[j], j))
            {
                count = TopPicks.Offer(top, count, new Pick(j, scores[j], method, because[j]));
            }
        }
        buffer.Clear();
        return count < top.Length ? TopUp(customer, newOnly, top, count, buffer) : count;
    }

    private int TopUp(int customer, bool newOnly, Span<Pick> top, int count, ScoringBuffer buffer)
    {
        Span<Pick> extra = stackalloc Pick[top.Length];
        var n = fallback.Rank(customer, newOnly, extra, buffer);
        for (var i = 0; i < n && count < top.Length; i++)
        {
            var duplicate = false;
            for (var j = 0; j < count && !duplicate; j++)
            {
                duplicate = top[j].Product == extra[i].Product;
            }
            if (!duplicate)
            {
                top[count++] = extra[i];
            }
        }
        return count;
    }

    public string Reason(Pick pick) => (pick.ExplainedBy ?? pick.Source) == method ? $"{reasonPrefix} {data.Log.Descriptions[pick.Because]}" : fallback.Reason(pick);
}
