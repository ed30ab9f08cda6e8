namespace Segmenta.Recommending;

/// <summary>
/// The customer's own past products, score = Σ over their orders of 0.5^(age / half-life): buy-again. Offers nothing
/// in the new-items setting, by definition.
/// </summary>
internal sealed class FavouritesRanker(Interactions data, bool[] active) : IRanker
{
    public RecommendationMethod Method => RecommendationMethod.PastFavourites;

    public int Rank(int customer, bool newOnly, Span<Pick> top, ScoringBuffer buffer)
    {
        if (newOnly)
        {
            return 0;
        }
        var count = 0;
        for (var e = data.RowStart[customer]; e < data.RowStart[customer + 1]; e++)
        {
            if (active[data.Items[e]])
            {
                count = TopPicks.Offer(top, count, new Pick(data.Items[e], data.Weight[e], Method, e));
            }
        }
        return count;
    }

    public string Reason(Pick pick) =>
        $"you bought it {data.OrderCount[pick.Because]:N0} time{(data.OrderCount[pick.Because] == 1 ? "" : "s")}, last on {PurchaseLog.ToDate(data.LastDay[pick.Because]):yyyy-MM-dd}";
}
