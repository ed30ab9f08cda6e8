namespace Segmenta.Lifetime;

/// <summary>
/// Checks the churn-risk tier on the holdout: each calibration customer is tiered by the calibration fit's probability of
/// no purchase within the holdout's length (the thresholds of <see cref="ChurnRiskTiers"/>), and the share of each tier
/// that bought at all in the holdout is counted. Beside it, the ranking a marketer would use without a model: recency
/// alone (time since the last purchase, longest first), cut into tiers of the same sizes (ties broken by the summary's
/// customer order). The AUC of each score (non-buyers ranked above buyers) compares the two without any cut.
/// </summary>
internal static class ChurnHoldout
{
    internal static readonly string[] Tiers = [nameof(ChurnRisk.Low), nameof(ChurnRisk.Medium), nameof(ChurnRisk.High)];

    internal static List<ChurnHoldoutRow> Compute(string model, ICountingModel counting, CustomerSummary summary, double holdoutLength)
    {
        var n = summary.Count;
        var noPurchase = new double[n];
        var cache = new Dictionary<(double, double, double), double>();
        for (var i = 0; i < n; i++)
        {
            var key = (summary.X[i], summary.Tx[i], summary.T[i]);
            if (!cache.TryGetValue(key, out var p))
            {
                p = Math.Clamp(counting.ProbabilityOfPurchases(0, holdoutLength, key.Item1, key.Item2, key.Item3), 0, 1);
                cache[key] = p;
            }
            noPurchase[i] = p;
        }
        var bought = summary.HoldoutPurchases.Select(h => h > 0).ToArray();
        var modelTiers = noPurchase.Select(ChurnRiskTiers.Of).ToArray();
        var recency = Enumerable.Range(0, n).Select(i => summary.T[i] - summary.Tx[i]).ToArray();
        // Recency tiers with the model's tier sizes: the longest since the last purchase are High, then Medium, then Low.
        var recencyTiers = new ChurnRisk[n];
        var order = Enumerable.Range(0, n).OrderByDescending(i => recency[i]).ThenBy(i => i).ToArray();
        int high = modelTiers.Count(t => t == ChurnRisk.High), medium = modelTiers.Count(t => t == ChurnRisk.Medium);
        for (var k = 0; k < n; k++)
        {
            recencyTiers[order[k]] = k < high ? ChurnRisk.High : k < high + medium ? ChurnRisk.Medium : ChurnRisk.Low;
        }
        return [.. Rows(model, "model", modelTiers, bought, Auc(noPurchase, bought)), .. Rows(model, "recency", recencyTiers, bought, Auc(recency, bought))];
    }

    private static IEnumerable<ChurnHoldoutRow> Rows(string model, string ranking, ChurnRisk[] tiers, bool[] bought, double auc)
    {
        foreach (var tier in Enum.GetValues<ChurnRisk>())
        {
            var members = Enumerable.Range(0, tiers.Length).Where(i => tiers[i] == tier).ToList();
            yield return new ChurnHoldoutRow(model, ranking, tier.ToString(), members.Count, members.Count(i => bought[i]), null);
        }
        yield return new ChurnHoldoutRow(model, ranking, "total", tiers.Length, bought.Count(b => b), double.IsFinite(auc) ? auc : null);
    }

    /// <summary>
    /// P(score of a non-buyer &gt; score of a buyer) + P(equal) / 2: the Mann-Whitney statistic over average ranks
    /// (equal scores share their mean rank). NaN when everyone or no one bought.
    /// </summary>
    internal static double Auc(double[] risk, bool[] bought)
    {
        var n = risk.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => risk[i]).ToArray();
        var ranks = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && risk[order[end + 1]] == risk[order[start]])
            {
                end++;
            }
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0 + 1;
            }
            start = end + 1;
        }
        long silent = bought.Count(b => !b), buyers = n - silent;
        if (silent == 0 || buyers == 0)
        {
            return double.NaN;
        }
        var rankSum = Enumerable.Range(0, n).Where(i => !bought[i]).Sum(i => ranks[i]);
        return (rankSum - silent * (silent + 1) / 2.0) / ((double)silent * buyers);
    }
}
