using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// Compares each model's holdout forecasts with what the customers actually did, next to the naive baseline (the
/// customer's calibration rate x / T carried over the holdout). Each point forecast is scored by the error it is the
/// best answer for (Gneiting 2011, "Making and evaluating point forecasts", JASA 106): the expected count (the mean)
/// by the root mean squared error, the median count by the mean absolute error. Scoring the mean by absolute error
/// would reward any forecast pulled towards 0 (the median of most customers' holdout count), not a better model.
/// For the baseline the counts are Poisson with the past rate (its mean is the rate times the holdout length).
/// </summary>
internal static class HoldoutValidation
{
    internal const int TopGroup = 7;

    /// <summary>More holdout purchases than any customer can make; a median search that gets here has lost probability mass.</summary>
    private const int MaxCount = 10_000;

    internal static List<HoldoutRow> Compute(string model, ICountingModel counting, CustomerSummary summary, double holdoutLength)
    {
        var forecasts = Forecasts(counting, summary, holdoutLength);
        var rows = new List<HoldoutRow>();
        for (var group = 0; group <= TopGroup; group++)
        {
            var members = Enumerable.Range(0, summary.Count).Where(i => Math.Min(summary.X[i], TopGroup) == group).ToList();
            rows.Add(Row(model, group == TopGroup ? $"{TopGroup}+" : group.ToString(System.Globalization.CultureInfo.InvariantCulture), members, summary, forecasts));
        }
        rows.Add(Row(model, "total", [.. Enumerable.Range(0, summary.Count)], summary, forecasts));
        return rows;
    }

    /// <summary>
    /// Per customer (in the summary's order), the paired difference of the median forecasts' absolute errors:
    /// |model median − actual| − |naive median − actual| (negative where the model is closer). Its mean is the total row's
    /// ModelMedianMae − BaselineMedianMae; the signs give the paired sign test (docs/lifetime.md).
    /// </summary>
    internal static double[] MedianErrorDifferences(ICountingModel counting, CustomerSummary summary, double holdoutLength)
    {
        var forecasts = Forecasts(counting, summary, holdoutLength);
        return [.. forecasts.Select((f, i) => Math.Abs(f.ModelMedian - summary.HoldoutPurchases[i]) - Math.Abs(f.BaselineMedian - summary.HoldoutPurchases[i]))];
    }

    private static Forecast[] Forecasts(ICountingModel counting, CustomerSummary summary, double holdoutLength)
    {
        var forecasts = new Forecast[summary.Count];
        var cache = new Dictionary<(double, double, double), (double Mean, int Median)>();
        for (var i = 0; i < summary.Count; i++)
        {
            double x = summary.X[i], tx = summary.Tx[i], t = summary.T[i];
            if (!cache.TryGetValue((x, tx, t), out var value))
            {
                value = (counting.ExpectedPurchases(holdoutLength, x, tx, t), Median(k => counting.ProbabilityOfPurchases(k, holdoutLength, x, tx, t)));
                cache[(x, tx, t)] = value;
            }
            var rate = t > 0 ? x / t * holdoutLength : 0;
            forecasts[i] = new Forecast(value.Mean, value.Median, rate, PoissonMedian(rate));
        }
        return forecasts;
    }

    /// <summary>
    /// Which forecast wins on each score of a holdout row, in words: the median forecasts by absolute error, the expected
    /// counts by absolute and squared error (lower wins; equal to four decimals is a tie).
    /// </summary>
    internal static string Verdict(HoldoutRow row)
    {
        static string Compare(string score, double model, double baseline)
        {
            var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{model:0.0000} against {baseline:0.0000} for the naive past rate");
            var winner = Math.Round(model, 4) == Math.Round(baseline, 4) ? "tie" : model < baseline ? "the model wins" : "the naive baseline wins";
            return $"{score}: {text}, {winner}";
        }
        return $"Holdout test of {row.Model} ({row.Customers} customers, errors per customer): "
            + string.Join("; ", Compare("median forecast, mean absolute error", row.ModelMedianMae, row.BaselineMedianMae),
                Compare("expected count, mean absolute error", row.ModelMeanMae, row.BaselineMeanMae),
                Compare("expected count, root mean squared error", row.ModelMeanRmse, row.BaselineMeanRmse)) + ".";
    }

    /// <summary>The smallest count whose cumulative probability reaches one half.</summary>
    internal static int Median(Func<int, double> probability)
    {
        double cumulative = 0;
        for (var k = 0; k < MaxCount; k++)
        {
            var p = probability(k);
            if (!(p >= 0 && p <= 1 + 1e-9))
            {
                throw new InvalidOperationException($"P(X = {k}) = {p} is not a probability.");
            }
            cumulative += p;
            if (cumulative >= 0.5)
            {
                return k;
            }
        }
        throw new InvalidOperationException($"The purchase distribution reached only {cumulative} by {MaxCount} purchases.");
    }

    /// <summary>The median of a Poisson count with the given mean (0 for a mean of 0).</summary>
    internal static int PoissonMedian(double mean) =>
        mean <= 0 ? 0 : Median(k => Math.Exp(-mean + k * Math.Log(mean) - SpecialFunctions.GammaLn(k + 1)));

    private static HoldoutRow Row(string model, string group, List<int> members, CustomerSummary summary, Forecast[] forecasts)
    {
        double actual = 0, expected = 0, naive = 0, modelAbsolute = 0, baselineAbsolute = 0, modelMeanAbsolute = 0, baselineMeanAbsolute = 0;
        double modelSquared = 0, baselineSquared = 0;
        foreach (var i in members)
        {
            var f = forecasts[i];
            var y = summary.HoldoutPurchases[i];
            actual += y;
            expected += f.ModelMean;
            naive += f.BaselineMean;
            modelAbsolute += Math.Abs(f.ModelMedian - y);
            baselineAbsolute += Math.Abs(f.BaselineMedian - y);
            modelMeanAbsolute += Math.Abs(f.ModelMean - y);
            baselineMeanAbsolute += Math.Abs(f.BaselineMean - y);
            modelSquared += (f.ModelMean - y) * (f.ModelMean - y);
            baselineSquared += (f.BaselineMean - y) * (f.BaselineMean - y);
        }
        var n = Math.Max(members.Count, 1);
        return new HoldoutRow(model, group, members.Count, actual, expected, naive, modelAbsolute / n, baselineAbsolute / n,
            modelMeanAbsolute / n, baselineMeanAbsolute / n, Math.Sqrt(modelSquared / n), Math.Sqrt(baselineSquared / n));
    }

    private readonly record struct Forecast(double ModelMean, int ModelMedian, double BaselineMean, int BaselineMedian);
}
