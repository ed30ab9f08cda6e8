namespace Segmenta.Lifetime;

/// <summary>Compares each model's expected holdout purchases with what the customers actually did.</summary>
internal static class HoldoutValidation
{
    internal const int TopGroup = 7;

    internal static List<HoldoutRow> Compute(string model, ICountingModel counting, CustomerSummary summary, double holdoutLength)
    {
        var predicted = new double[summary.Count];
        var baseline = new double[summary.Count];
        var cache = new Dictionary<(double, double, double), double>();
        for (var i = 0; i < summary.Count; i++)
        {
            var key = (summary.X[i], summary.Tx[i], summary.T[i]);
            if (!cache.TryGetValue(key, out var value))
            {
                value = counting.ExpectedPurchases(holdoutLength, summary.X[i], summary.Tx[i], summary.T[i]);
                cache[key] = value;
            }
            predicted[i] = value;
            baseline[i] = summary.T[i] > 0 ? summary.X[i] / summary.T[i] * holdoutLength : 0;
        }
        var rows = new List<HoldoutRow>();
        for (var group = 0; group <= TopGroup; group++)
        {
            var members = Enumerable.Range(0, summary.Count).Where(i => Math.Min(summary.X[i], TopGroup) == group).ToList();
            rows.Add(Row(model, group == TopGroup ? $"{TopGroup}+" : group.ToString(System.Globalization.CultureInfo.InvariantCulture), members, summary, predicted, baseline));
        }
        rows.Add(Row(model, "total", [.. Enumerable.Range(0, summary.Count)], summary, predicted, baseline));
        return rows;
    }

    private static HoldoutRow Row(string model, string group, List<int> members, CustomerSummary summary, double[] predicted, double[] baseline)
    {
        double actual = 0, expected = 0, naive = 0, modelError = 0, baselineError = 0;
        foreach (var i in members)
        {
            actual += summary.HoldoutPurchases[i];
            expected += predicted[i];
            naive += baseline[i];
            modelError += Math.Abs(predicted[i] - summary.HoldoutPurchases[i]);
            baselineError += Math.Abs(baseline[i] - summary.HoldoutPurchases[i]);
        }
        var n = Math.Max(members.Count, 1);
        return new HoldoutRow(model, group, members.Count, actual, expected, naive, modelError / n, baselineError / n);
    }
}
