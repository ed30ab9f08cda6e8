namespace Segmenta.Lifetime;

/// <summary>
/// Turns the fitted models into each customer's P(alive), expected purchases, expected spend and discounted CLV.
/// CLV over a horizon H: the spend expected in each 30-day step up to H (the last step shorter), each discounted
/// at the annual rate to the end of its step: Σ spend × (E[N(d_k)] − E[N(d_{k−1})]) / (1 + rate)^(d_k / 365).
/// The churn tier is that of the probability of no purchase within the churn horizon (<see cref="ChurnRiskTiers"/>).
/// </summary>
internal static class ValuePredictor
{
    internal const int StepDays = 30;

    internal static List<CustomerValue> Predict(CustomerSummary summary, ICountingModel counting, GammaGammaModel? spend, LifetimeOptions options)
    {
        var horizons = options.HorizonDays;
        var points = Points(horizons);
        var churnHorizon = options.ChurnHorizonDays / options.UnitDays;
        var cache = new Dictionary<(double, double, double), (double Alive, double[] Cumulative, double NoPurchase)>();
        var values = new List<CustomerValue>(summary.Count);
        for (var i = 0; i < summary.Count; i++)
        {
            double x = summary.X[i], tx = summary.Tx[i], t = summary.T[i];
            if (!cache.TryGetValue((x, tx, t), out var known))
            {
                var cumulative = points.Select(d => counting.ExpectedPurchases(d / options.UnitDays, x, tx, t)).ToArray();
                known = (counting.ProbabilityAlive(x, tx, t), cumulative, Math.Clamp(counting.ProbabilityOfPurchases(0, churnHorizon, x, tx, t), 0, 1));
                cache[(x, tx, t)] = known;
            }
            var purchases = horizons.Select(h => known.Cumulative[Array.IndexOf(points, h)]).ToArray();
            var perPurchase = spend?.ExpectedSpend(summary.SpendPurchases[i], summary.SpendMean[i]);
            double[]? clv = null;
            if (perPurchase is { } amount)
            {
                clv = [.. horizons.Select(h => Discounted(points, known.Cumulative, h, amount, options.DiscountRate))];
            }
            values.Add(new CustomerValue(summary.CustomerIds[i], known.Alive, purchases, perPurchase, clv, known.NoPurchase, ChurnRiskTiers.Of(known.NoPurchase))
            {
                RepeatPurchases = (long)x,
                DaysSinceLastPurchase = (int)Math.Round((t - tx) * options.UnitDays),
            });
        }
        return values;
    }

    /// <summary>Every 30 days up to the longest horizon, plus each horizon, in days.</summary>
    internal static int[] Points(IReadOnlyList<int> horizons)
    {
        var longest = horizons.Max();
        return [.. Enumerable.Range(1, longest / StepDays).Select(k => k * StepDays).Concat(horizons).Distinct().Order()];
    }

    private static double Discounted(int[] points, double[] cumulative, int horizon, double amount, double rate)
    {
        double total = 0, previous = 0;
        for (var k = 0; k < points.Length && points[k] <= horizon; k++)
        {
            var increment = Math.Max(0, cumulative[k] - previous);
            total += amount * increment / Math.Pow(1 + rate, points[k] / 365.0);
            previous = Math.Max(previous, cumulative[k]);
        }
        return total;
    }
}
