using System.Globalization;

namespace Segmenta.Recommending;

/// <summary>
/// Buy-again picks (products the customer bought before, scored by the buy-again model), discovery picks (EASE's
/// products the customer never bought, scored by the discovery model) or both in one list. Both models give the
/// probability of a purchase in the next months (<see cref="TwoKindCalibration"/>), so one list ranks both kinds by it:
/// the mix is learned, not fixed. Only products sold in the active window are offered. In the new-items setting only
/// the discovery picks remain. When the discovery model did not beat popularity before the reference day
/// (<see cref="TwoKindCalibration.DiscoveryBy"/>), the new picks are that popularity list's.
/// </summary>
internal sealed class TwoKindRanker(RecommendationMethod method, TwoKindFeatures features, TwoKindCalibration calibration) : IRanker
{
    public RecommendationMethod Method => method;

    private bool OffersBuyAgain => method != RecommendationMethod.Discovery;

    public bool NeverOffersKnown => !OffersBuyAgain;

    private bool OffersNew => method != RecommendationMethod.BuyAgain;

    public int Rank(int customer, bool newOnly, Span<Pick> top, ScoringBuffer buffer) => Finish(customer, top, RankByLogit(customer, newOnly, top, buffer));

    /// <summary>
    /// The best candidates by logit, not yet final: scores are logits and a discovery pick's Because is its EASE model
    /// index (<see cref="Finish"/> makes them the list <see cref="Rank"/> gives).
    /// </summary>
    internal int RankByLogit(int customer, bool newOnly, Span<Pick> top, ScoringBuffer buffer)
    {
        var data = features.Data;
        var ease = features.Ease;
        var scores = buffer.EaseScores(ease, data, customer);
        var count = 0;
        if (OffersBuyAgain && !newOnly)
        {
            Span<double> x = stackalloc double[TwoKindFeatures.BuyAgainCount];
            for (var e = data.RowStart[customer]; e < data.RowStart[customer + 1]; e++)
            {
                var p = data.Items[e];
                if (features.Active[p])
                {
                    var m = ease.IndexOf[p];
                    features.BuyAgain(customer, e, m >= 0 ? scores[m] : 0, x);
                    count = TopPicks.Offer(top, count, new Pick(p, calibration.BuyAgain.Logit(x), RecommendationMethod.BuyAgain, e));
                }
            }
        }
        if (OffersNew)
        {
            // The logit is linear: the customer's part once, then each product's EASE score and popularity.
            Span<double> x = stackalloc double[TwoKindFeatures.DiscoveryCount];
            features.Discovery(customer, 0, 0, x);
            x[0] = x[1] = 0;
            var model = calibration.Discovery;
            var constant = model.Logit(x);
            var perScore = model.Coefficients[1] / model.Scale[0];
            var perPopularity = model.Coefficients[2] / model.Scale[1];
            if (calibration.DiscoveryBy == TwoKindDiscovery.EaseModel)
            {
                for (var m = 0; m < ease.Size; m++)
                {
                    var p = ease.Products[m];
                    if (features.Active[p] && !buffer.Knows(p))
                    {
                        var logit = constant + (perScore * scores[m]) + (perPopularity * features.LogRecentBuyers[p]);
                        if (!TopPicks.Rejects(top, count, logit, p))
                        {
                            count = TopPicks.Offer(top, count, new Pick(p, logit, RecommendationMethod.Discovery, m));
                        }
                    }
                }
            }
            else
            {
                // Popularity chose the new picks (the model did not beat it before the reference day): the popularity
                // list's first products the customer does not know, in its order, with the popularity model's logits.
                var order = features.Order(calibration.DiscoveryBy);
                var popularity = features.LogPopularity(calibration.DiscoveryBy);
                for (var (i, taken) = (0, 0); i < order.Length && taken < top.Length; i++)
                {
                    var p = order[i];
                    if (!buffer.Knows(p))
                    {
                        taken++;
                        count = TopPicks.Offer(top, count, new Pick(p, constant + (perPopularity * popularity[p]), RecommendationMethod.Discovery));
                    }
                }
            }
        }
        return count;
    }

    /// <summary>Turns <see cref="RankByLogit"/>'s picks into the list: probabilities, and the product that explains each discovery pick.</summary>
    internal int Finish(int customer, Span<Pick> top, int count)
    {
        var data = features.Data;
        var ease = features.Ease;
        // Both kinds were ranked by the logit (monotone in the probability); the score shown is the probability.
        for (var r = 0; r < count; r++)
        {
            top[r] = top[r] with { Score = 1 / (1 + Math.Exp(-top[r].Score)) };
        }
        // The discovery reason names the customer's product that adds most to the EASE score; found for the kept picks only.
        for (var r = 0; r < count; r++)
        {
            if (top[r].Source == RecommendationMethod.Discovery && top[r].Because >= 0)
            {
                top[r] = top[r] with { Because = ease.StrongestReason(data, customer, top[r].Because) };
            }
        }
        return count;
    }

    /// <summary>
    /// The blend's <see cref="RankByLogit"/> list from those of its two parts (each the best of its kind, as long as the
    /// blend's list): the two kinds' candidates are different products (bought before, or not) with the same logits, and
    /// picks are ordered strictly (logit, then product id), so the best of the union are the best of the two lists — the
    /// same picks in the same order as ranking every candidate again. Returns -1 when a logit is NaN (no strict order).
    /// </summary>
    internal static int Merge(ReadOnlySpan<Pick> buyAgain, ReadOnlySpan<Pick> discovery, Span<Pick> top)
    {
        var count = 0;
        for (var i = 0; i < buyAgain.Length + discovery.Length; i++)
        {
            var pick = i < buyAgain.Length ? buyAgain[i] : discovery[i - buyAgain.Length];
            if (double.IsNaN(pick.Score))
            {
                return -1;
            }
            count = TopPicks.Offer(top, count, pick);
        }
        return count;
    }

    public string Reason(Pick pick)
    {
        var data = features.Data;
        if (pick.Source == RecommendationMethod.BuyAgain)
        {
            var e = pick.Because;
            var orders = data.OrderCount[e];
            var cycle = features.CycleDays[data.Items[e]];
            return string.Create(CultureInfo.InvariantCulture,
                $"buy again: you bought it {orders:N0} time{(orders == 1 ? "" : "s")}, last on {PurchaseLog.ToDate(data.LastDay[e]):yyyy-MM-dd}; customers re-buy it about every {cycle:0} days");
        }
        var global = calibration.DiscoveryBy == TwoKindDiscovery.GlobalPopularity;
        var buyers = global ? features.GlobalBuyers[pick.Product] : features.RecentBuyers[pick.Product];
        var popularity = string.Create(CultureInfo.InvariantCulture,
            $"{buyers:N0} customer{(buyers == 1 ? "" : "s")} bought it{(global ? "" : $" in the last {features.RecentDays} days")}");
        return pick.Because >= 0
            ? $"new for you: customers who buy {data.Log.Descriptions[pick.Because]} also buy it; {popularity}"
            : $"new for you: {popularity}";
    }
}
