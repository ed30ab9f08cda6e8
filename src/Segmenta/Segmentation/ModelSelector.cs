namespace Segmenta.Segmentation;

/// <summary>
/// Fits every k of the range and chooses one by a documented rule (docs/segmentation.md, "Choosing k"):
/// 1. Guards: a k whose smallest segment holds less than <see cref="SegmentationOptions.MinSegmentShare"/> of the
///    customers, or whose bootstrap stability is low (10th percentile of the adjusted Rand index below
///    <see cref="StableAri"/>), is set aside. When every k fails, the k's with big enough segments compete (all of
///    them when none has), and the explanation says so.
/// 2. The elbow of the inertia curve (BIC for mixtures; kneedle) marks where more segments stop paying off; the
///    competing k's within one of the elbow are the candidates (all competing k's when there is no elbow or none is
///    that close).
/// 3. Among the candidates each criterion votes for its best k: highest silhouette, lowest Davies-Bouldin, highest
///    Calinski-Harabasz and, for mixtures, lowest BIC. Most votes wins; ties go to the higher silhouette.
/// The choice and its explanation are computed from the table alone (<see cref="Choose"/>), so the sentence cannot
/// say anything the table does not show.
/// </summary>
public static partial class ModelSelector
{
    /// <summary>Lowest acceptable 10th percentile of the bootstrap ARI: in 9 resamples out of 10 the segments come back at least this well.</summary>
    public const double StableAri = 0.6;

    /// <summary>The percentile of the bootstrap ARI used as its lower bound.</summary>
    internal const double StabilityPercentile = 10;

    /// <summary>Fits k = MinK..MaxK on the transformed matrix and chooses one.</summary>
    /// <param name="x">The transformed customers: labels and criteria are computed on these.</param>
    /// <param name="options">Range, algorithm, guards, seed.</param>
    /// <param name="fitOn">The rows the models are fitted on when they differ from <paramref name="x"/> (mixtures: dequantised).</param>
    public static ModelSelection Select(FeatureMatrix x, SegmentationOptions options, FeatureMatrix? fitOn = null) => Select(x, options, fitOn, out SweepFit _);

    /// <summary>
    /// As <see cref="Select(FeatureMatrix, SegmentationOptions, FeatureMatrix?)"/>, also giving the chosen k's final fit
    /// (all the restarts). The chosen row describes that fit, not the sweep's: the sweep compares k's with fewer restarts
    /// (<see cref="SegmentationOptions.SweepNInit"/>), and more restarts can find a different optimum (for mixtures, one
    /// with a tiny component). So the chosen k is refitted, its row recomputed from the delivered labels (criteria, size,
    /// stability) and the rule applied again, until the chosen k's row is that of its final fit.
    /// </summary>
    internal static ModelSelection Select(FeatureMatrix x, SegmentationOptions options, FeatureMatrix? fitOn, out SweepFit final)
    {
        fitOn ??= x;
        var ks = Enumerable.Range(options.MinK, options.MaxK - options.MinK + 1).Where(k => k <= x.Rows).ToList();
        var silhouette = SilhouetteScorer.Create(x, options);
        var sweepOptions = options with { NInit = Math.Min(options.SweepNInit, options.NInit) };
        // Each k has its own seeds, so evaluating them in parallel gives the same table as one after another.
        var fits = new SweepFit[ks.Count];
        Parallel.For(0, ks.Count, i => fits[i] = Describe(x, Fit(x, fitOn, ks[i], sweepOptions), silhouette));
        var rows = fits.Select(f => f.Row!).ToArray();
        if (options.BootstrapResamples > 0)
        {
            // Stability is measured where it can decide: first the k's with big enough segments next to the elbow;
            // only when none of them is stable, the other k's with big enough segments (see docs/segmentation.md).
            var knee = Knee(rows, options);
            var big = Enumerable.Range(0, rows.Length).Where(i => !TooSmall(rows[i], options)).ToList();
            var first = knee is { } elbow ? big.Where(i => Math.Abs(rows[i].K - elbow) <= 1).ToList() : big;
            MeasureStability(x, fitOn, fits, rows, first.Count > 0 ? first : big, options);
            if (first.Count > 0 && first.All(i => Unstable(rows[i])))
            {
                MeasureStability(x, fitOn, fits, rows, big.Except(first).ToList(), options);
            }
        }
        var selection = Choose(rows, options);
        var refitted = new List<int>();
        while (!refitted.Contains(selection.ChosenK))
        {
            var slot = ks.IndexOf(selection.ChosenK);
            fits[slot] = Describe(x, FinalFit(x, fitOn, selection.ChosenK, options, fits[slot]), silhouette);
            rows[slot] = fits[slot].Row!;
            if (options.BootstrapResamples > 0)
            {
                MeasureStability(x, fitOn, fits, rows, [slot], options);
            }
            refitted.Add(selection.ChosenK);
            selection = Choose(rows, options);
        }
        final = fits[ks.IndexOf(selection.ChosenK)];
        var passedOver = refitted.Where(k => k != selection.ChosenK).ToList();
        return passedOver.Count == 0 ? selection : selection with { Explanation = selection.Explanation + " " + PassedOverSentence(passedOver, selection.Rows, options) };
    }

    /// <summary>Says which k's led on the sweep's fits but not once refitted with all the restarts, and why.</summary>
    private static string PassedOverSentence(IReadOnlyList<int> passedOver, IReadOnlyList<ModelSelectionRow> rows, SegmentationOptions options)
    {
        var (swept, all) = options.Algorithm == ClusteringAlgorithm.GaussianMixture
            ? (MixtureStarts(Math.Min(options.SweepNInit, options.NInit)), MixtureStarts(options.NInit))
            : (Math.Min(options.SweepNInit, options.NInit), options.NInit);
        string Restarts(int n) => options.Algorithm == ClusteringAlgorithm.GaussianMixture ? (n == 1 ? "1 EM start" : $"{n} EM starts") : (n == 1 ? "1 restart" : $"{n} restarts");
        var fates = passedOver.Select(k => rows.Single(r => r.K == k).SetAside is { } why ? $"k={k} was set aside ({why})" : $"k={k} was outvoted");
        return $"On the sweep's fits ({Restarts(swept)} per k) the rule first chose {string.Join(", then ", passedOver.Select(k => $"k={k}"))}; " +
            $"refitted with {Restarts(all)}, {string.Join(" and ", fates)}, and its row shows that refit.";
    }

    private static int? Knee(IReadOnlyList<ModelSelectionRow> rows, SegmentationOptions options) =>
        // Mixtures are fitted by likelihood, not by squared distance: their curve is BIC (which also falls with k).
        Kneedle.Knee(rows.Select(r => r.K).ToList(), rows.Select(r => options.Algorithm == ClusteringAlgorithm.GaussianMixture ? r.Bic ?? r.Inertia : r.Inertia).ToList());

    /// <summary>Applies the guards and the rule to a criteria table and explains the choice from the same numbers.</summary>
    public static ModelSelection Choose(IReadOnlyList<ModelSelectionRow> evaluated, SegmentationOptions options)
    {
        var rows = evaluated.Select(r => r with { SetAside = SetAsideReason(r, options), IsKnee = false, Chosen = false }).ToList();
        var knee = Knee(rows, options);
        var eligible = rows.Where(r => r.SetAside is null).ToList();
        var bigEnough = rows.Where(r => !TooSmall(r, options)).ToList();
        var competing = eligible.Count > 0 ? eligible : bigEnough.Count > 0 ? bigEnough : rows;
        var near = knee is { } elbow ? competing.Where(r => Math.Abs(r.K - elbow) <= 1).ToList() : [];
        var candidates = near.Count > 0 ? near : competing;
        var votes = Votes(candidates, options);
        var chosen = votes.GroupBy(v => v.K)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => candidates.Single(r => r.K == g.Key).Silhouette)
            .ThenBy(g => g.Key)
            .First().Key;
        var table = rows.Select(r => r with { IsKnee = r.K == knee, Chosen = r.K == chosen }).ToList();
        var facts = new SelectionFacts(table, chosen, knee, candidates.Select(r => r.K).ToList(), votes, Votes(rows, options),
            eligible.Count == 0 ? (bigEnough.Count > 0 ? Fallback.SizeOnly : Fallback.All) : Fallback.None, options);
        return new ModelSelection(table, chosen, Explain(facts));
    }

    private static bool TooSmall(ModelSelectionRow row, SegmentationOptions options) => row.SmallestShare < options.MinSegmentShare;

    private static bool Unstable(ModelSelectionRow row) => row.StabilityLow < StableAri;

    private static string? SetAsideReason(ModelSelectionRow row, SegmentationOptions options) => (TooSmall(row, options), Unstable(row)) switch
    {
        (true, true) => "small segment; unstable",
        (true, false) => "small segment",
        (false, true) => "unstable",
        _ => null,
    };

    internal static List<(string Criterion, int K)> Votes(IReadOnlyList<ModelSelectionRow> rows, SegmentationOptions options)
    {
        // Ties go to the smaller k, so a vote never depends on the order of the rows.
        var byK = rows.OrderBy(r => r.K).ToList();
        var votes = new List<(string, int)>
        {
            ("silhouette", byK.MaxBy(r => r.Silhouette)!.K),
            ("Davies-Bouldin", byK.MinBy(r => r.DaviesBouldin)!.K),
            ("Calinski-Harabasz", byK.MaxBy(r => r.CalinskiHarabasz)!.K),
        };
        if (options.Algorithm == ClusteringAlgorithm.GaussianMixture)
        {
            votes.Add(("BIC", byK.MinBy(r => r.Bic ?? double.MaxValue)!.K));
        }
        return votes;
    }

    /// <summary>The criteria row of one fit, computed from its labels on <paramref name="x"/>.</summary>
    private static SweepFit Describe(FeatureMatrix x, SweepFit fit, SilhouetteScorer silhouette)
    {
        var (k, labels, mixture) = (fit.K, fit.Labels, fit.Mixture);
        var centroids = ClusterMetrics.Centroids(x, labels, k, out var sizes);
        var inertia = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            inertia += Distance.Squared(x.Row(i), centroids.AsSpan(labels[i] * x.Columns, x.Columns));
        }
        var algorithm = mixture is null ? ClusteringAlgorithm.KMeans : ClusteringAlgorithm.GaussianMixture;
        var row = new ModelSelectionRow(algorithm, k, inertia, silhouette.Score(labels, k),
            ClusterMetrics.DaviesBouldin(x, labels, k), ClusterMetrics.CalinskiHarabasz(x, labels, k),
            mixture?.Bic, mixture?.Aic, mixture?.MeanLogLikelihood, double.NaN, double.NaN, false, false)
        {
            SmallestShare = (double)sizes.Min() / x.Rows,
        };
        return fit with { Row = row };
    }

    /// <summary>The final fit of one k (options' seed and restarts) on <paramref name="fitOn"/>, labelling the rows of <paramref name="x"/> (the same customers).</summary>
    internal static SweepFit Fit(FeatureMatrix x, FeatureMatrix fitOn, int k, SegmentationOptions options)
    {
        if (options.Algorithm == ClusteringAlgorithm.KMeans)
        {
            var model = KMeans.Fit(x, new KMeansOptions(k, options.Seed, options.NInit, options.MaxIterations, options.Tolerance));
            return new SweepFit(k, model.Labels, model, null, null);
        }
        var mixture = FitMixture(fitOn, k, options, options.Seed, MixtureStarts(options.NInit));
        return new SweepFit(k, mixture.Predict(x), null, mixture, null);
    }

    /// <summary>
    /// The final fit of the chosen k, given its fit in the sweep (<paramref name="swept"/>, null when k was given): the
    /// sweep ran the same fit with the first <see cref="SegmentationOptions.SweepNInit"/> restarts, and a restart's seed
    /// depends on its number only, so their best is kept and only the other restarts run. The result is the one
    /// <see cref="Fit"/> gives with all the restarts.
    /// </summary>
    internal static SweepFit FinalFit(FeatureMatrix x, FeatureMatrix fitOn, int k, SegmentationOptions options, SweepFit? swept)
    {
        var sweptRestarts = Math.Min(options.SweepNInit, options.NInit);
        if (swept is null || swept.K != k)
        {
            return Fit(x, fitOn, k, options);
        }
        if (sweptRestarts >= options.NInit)
        {
            return swept;
        }
        if (options.Algorithm == ClusteringAlgorithm.KMeans)
        {
            var model = KMeans.FitRemaining(x, new KMeansOptions(k, options.Seed, options.NInit, options.MaxIterations, options.Tolerance), swept.KMeans!, sweptRestarts);
            return new SweepFit(k, model.Labels, model, null, null);
        }
        var mixture = GaussianMixture.FitRemaining(fitOn, MixtureOptions(k, options, options.Seed, MixtureStarts(options.NInit)), swept.Mixture!, MixtureStarts(sweptRestarts));
        return new SweepFit(k, mixture.Predict(x), null, mixture, null);
    }

    /// <summary>EM restarts of a mixture for a given number of K-Means restarts (EM is dearer per start).</summary>
    internal static int MixtureStarts(int nInit) => Math.Max(1, nInit / 3);

    internal static GaussianMixtureModel FitMixture(FeatureMatrix x, int k, SegmentationOptions options, int seed, int nInit) =>
        GaussianMixture.Fit(x, MixtureOptions(k, options, seed, nInit));

    private static GaussianMixtureOptions MixtureOptions(int k, SegmentationOptions options, int seed, int nInit) =>
        new(k, options.Covariance, seed, nInit, options.MaxIterations, options.Tolerance, options.RegCovar);

    /// <summary>
    /// A random half of the rows, drawn without replacement (partial Fisher-Yates). Half-samples carry about as much
    /// information as a bootstrap resample (which holds 63 % distinct customers) at half the fitting cost; the
    /// stability of a clustering as its reproducibility on random halves follows Lange, Roth, Braun and Buhmann (2004).
    /// </summary>
    internal static int[] HalfSample(int n, Random random)
    {
        var rows = Enumerable.Range(0, n).ToArray();
        var m = Math.Max(1, n / 2);
        for (var i = 0; i < m; i++)
        {
            var j = random.Next(i, n);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        return rows[..m];
    }

    /// <summary>
    /// Fills in the mean, spread and 10th percentile of the adjusted Rand index between the full fit and fits on
    /// random half-samples (each refitted with one start and predicted on all rows) for the rows at <paramref name="which"/>.
    /// </summary>
    private static void MeasureStability(FeatureMatrix x, FeatureMatrix fitOn, SweepFit[] fits,
        ModelSelectionRow[] rows, IReadOnlyList<int> which, SegmentationOptions options)
    {
        var resamples = options.BootstrapResamples;
        var scores = new double[which.Count, resamples];
        // Every (k, resample) pair has its own seed, so the pairs can run in any order on any thread.
        Parallel.For(0, which.Count * resamples, task =>
        {
            var (slot, b) = (task / resamples, task % resamples);
            var k = rows[which[slot]].K;
            var resample = fitOn.Select(HalfSample(x.Rows, new Random(unchecked(options.Seed * 131 + k * 7_919 + b))));
            var predicted = options.Algorithm == ClusteringAlgorithm.KMeans
                ? KMeans.Fit(resample, new KMeansOptions(k, options.Seed + b + 1, NInit: 1, options.MaxIterations, options.Tolerance)).Predict(x)
                : FitMixture(resample, k, options, options.Seed + b + 1, 1).Predict(x);
            scores[slot, b] = ClusterMetrics.AdjustedRandIndex(fits[which[slot]].Labels, predicted);
        });
        for (var slot = 0; slot < which.Count; slot++)
        {
            var values = Enumerable.Range(0, resamples).Select(b => scores[slot, b]).ToArray();
            var mean = values.Average();
            rows[which[slot]] = rows[which[slot]] with
            {
                StabilityMean = mean,
                StabilityStd = Math.Sqrt(values.Sum(s => (s - mean) * (s - mean)) / values.Length),
                StabilityLow = FeatureTransform.Quantile(values, StabilityPercentile / 100),
            };
        }
    }
}
