using System.Globalization;

namespace Segmenta.Segmentation;

/// <summary>
/// Fits every k of the range and chooses one by a documented rule:
/// 1. Only stable k's compete: bootstrap stability (mean adjusted Rand index between the full fit and fits on
///    resamples, predicted on all customers) of at least 0.75. If none is stable, all compete.
/// 2. The elbow of the inertia curve (BIC for mixtures; kneedle) marks where more segments stop paying off; the competing k's within
///    one of the elbow are the candidates (all competing k's when there is no elbow or none is that close).
/// 3. Among the candidates each criterion votes for its best k: highest silhouette, lowest Davies-Bouldin, highest
///    Calinski-Harabasz and, for mixtures, lowest BIC. Most votes wins; ties go to the higher silhouette.
/// Silhouette, Davies-Bouldin and Calinski-Harabasz on their own usually favour k=2, which only separates good
/// customers from the rest; the explanation says so whenever the whole-range winners differ from the choice.
/// </summary>
public static class ModelSelector
{
    internal const double StableAri = 0.75;

    /// <summary>Fits k = MinK..MaxK on the transformed matrix and chooses one.</summary>
    public static ModelSelection Select(FeatureMatrix x, SegmentationOptions options)
    {
        var ks = Enumerable.Range(options.MinK, options.MaxK - options.MinK + 1).Where(k => k <= x.Rows).ToList();
        var distances = PairwiseDistances.TryCreate(x);
        // Each k has its own seeds, so evaluating them in parallel gives the same table as one after another.
        var evaluated = new ModelSelectionRow[ks.Count];
        Parallel.For(0, ks.Count, i => evaluated[i] = Evaluate(x, ks[i], options, distances));
        var rows = evaluated.ToList();
        // Mixtures are fitted by likelihood, not by squared distance: their curve is BIC (which also falls with k).
        var knee = Kneedle.Knee(ks, rows.Select(r => options.Algorithm == ClusteringAlgorithm.GaussianMixture ? r.Bic ?? r.Inertia : r.Inertia).ToList());
        var stable = rows.Where(r => options.BootstrapResamples == 0 || r.StabilityMean >= StableAri).ToList();
        var competing = stable.Count > 0 ? stable : rows;
        var near = knee is { } elbow ? competing.Where(r => Math.Abs(r.K - elbow) <= 1).ToList() : [];
        var candidates = near.Count > 0 ? near : competing;
        var votes = Votes(candidates, options);
        var chosen = votes.GroupBy(v => v.K)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => candidates.Single(r => r.K == g.Key).Silhouette)
            .First().Key;
        var table = rows.Select(r => r with { IsKnee = r.K == knee, Chosen = r.K == chosen }).ToList();
        return new ModelSelection(table, chosen, Explain(chosen, votes, Votes(competing, options), table, candidates, stable.Count, knee));
    }

    private static List<(string Criterion, int K)> Votes(List<ModelSelectionRow> rows, SegmentationOptions options)
    {
        var votes = new List<(string, int)>
        {
            ("silhouette", rows.MaxBy(r => r.Silhouette)!.K),
            ("Davies-Bouldin", rows.MinBy(r => r.DaviesBouldin)!.K),
            ("Calinski-Harabasz", rows.MaxBy(r => r.CalinskiHarabasz)!.K),
        };
        if (options.Algorithm == ClusteringAlgorithm.GaussianMixture)
        {
            votes.Add(("BIC", rows.MinBy(r => r.Bic ?? double.MaxValue)!.K));
        }
        return votes;
    }

    private static ModelSelectionRow Evaluate(FeatureMatrix x, int k, SegmentationOptions options, PairwiseDistances? distances)
    {
        var (labels, bic, aic, logLikelihood) = FitLabels(x, k, options, options.Seed, options.NInit);
        var centroids = ClusterMetrics.Centroids(x, labels, k, out _);
        var inertia = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            inertia += Distance.Squared(x.Row(i), centroids.AsSpan(labels[i] * x.Columns, x.Columns));
        }
        var (mean, std) = Stability(x, k, labels, options);
        return new ModelSelectionRow(options.Algorithm, k, inertia,
            distances?.Silhouette(labels, k) ?? ClusterMetrics.SampledSilhouette(x, labels, k, options.SilhouetteSampleSize, options.Seed),
            ClusterMetrics.DaviesBouldin(x, labels, k), ClusterMetrics.CalinskiHarabasz(x, labels, k),
            bic, aic, logLikelihood, mean, std, false, false);
    }

    internal static (int[] Labels, double? Bic, double? Aic, double? LogLikelihood) FitLabels(FeatureMatrix x, int k, SegmentationOptions options, int seed, int nInit)
    {
        if (options.Algorithm == ClusteringAlgorithm.KMeans)
        {
            return (KMeans.Fit(x, new KMeansOptions(k, seed, nInit, options.MaxIterations, options.Tolerance)).Labels, null, null, null);
        }
        var model = GaussianMixture.Fit(x, k, options.Covariance, seed, Math.Max(1, nInit / 3), regCovar: options.RegCovar);
        return (model.Predict(x), model.Bic, model.Aic, model.MeanLogLikelihood);
    }

    /// <summary>Mean and spread of the adjusted Rand index between the full fit and fits on bootstrap resamples (predicted on all rows).</summary>
    private static (double Mean, double Std) Stability(FeatureMatrix x, int k, int[] labels, SegmentationOptions options)
    {
        if (options.BootstrapResamples == 0)
        {
            return (double.NaN, double.NaN);
        }
        var random = new Random(unchecked(options.Seed * 131 + k));
        var scores = new List<double>();
        for (var b = 0; b < options.BootstrapResamples; b++)
        {
            var sample = Enumerable.Range(0, x.Rows).Select(_ => random.Next(x.Rows)).ToArray();
            var resample = x.Select(sample);
            int[] predicted;
            if (options.Algorithm == ClusteringAlgorithm.KMeans)
            {
                predicted = KMeans.Fit(resample, new KMeansOptions(k, options.Seed + b + 1, NInit: 1, options.MaxIterations, options.Tolerance)).Predict(x);
            }
            else
            {
                predicted = GaussianMixture.Fit(resample, k, options.Covariance, options.Seed + b + 1, regCovar: options.RegCovar).Predict(x);
            }
            scores.Add(ClusterMetrics.AdjustedRandIndex(labels, predicted));
        }
        var mean = scores.Average();
        return (mean, Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Count));
    }

    private static string Explain(int chosen, List<(string Criterion, int K)> votes, List<(string Criterion, int K)> overall,
        List<ModelSelectionRow> rows, List<ModelSelectionRow> candidates, int stable, int? knee)
    {
        var row = rows.Single(r => r.K == chosen);
        var curve = row.Bic is null ? "inertia" : "BIC";
        var range = candidates.Count == 1 ? $"k={candidates[0].K}" : $"k={candidates.Min(r => r.K)}..{candidates.Max(r => r.K)}";
        var agree = votes.Where(v => v.K == chosen).Select(v => v.Criterion).ToList();
        var text = knee is null
            ? $"k={chosen}: the {curve} curve has no clear elbow; among {range}, {Join(agree)} {(agree.Count == 1 ? "is" : "are")} best at k={chosen}"
            : $"k={chosen}: the elbow of {curve} is at k={knee}, and among {range} {Join(agree)} {(agree.Count == 1 ? "is" : "are")} best at k={chosen}";
        var others = votes.Where(v => v.K != chosen).Select(v => $"{v.Criterion} prefers k={v.K}").ToList();
        if (others.Count > 0)
        {
            text += $" ({Join(others)})";
        }
        text += FormattableString.Invariant($". Silhouette {row.Silhouette:0.000}, Davies-Bouldin {row.DaviesBouldin:0.000}, Calinski-Harabasz {row.CalinskiHarabasz:0.0}");
        if (!double.IsNaN(row.StabilityMean))
        {
            text += FormattableString.Invariant($", bootstrap stability (ARI) {row.StabilityMean:0.00} ± {row.StabilityStd:0.00}");
        }
        var disagreeing = overall.Where(v => v.K != chosen).ToList();
        if (disagreeing.Count > 0)
        {
            text += $". Over the whole range the criteria disagree: {Join(disagreeing.Select(v => $"{v.Criterion} alone would pick k={v.K}").ToList())}"
                + (disagreeing.All(v => v.K == rows[0].K) ? ", the coarsest split" : "");
        }
        if (stable < rows.Count)
        {
            text += $". {rows.Count - stable} of {rows.Count} k's were set aside as unstable (ARI < {StableAri.ToString(CultureInfo.InvariantCulture)})";
        }
        return text + ".";
    }

    private static string Join(List<string> items) => items.Count switch
    {
        0 => "no criterion",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
