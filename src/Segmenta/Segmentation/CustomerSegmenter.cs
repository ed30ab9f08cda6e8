namespace Segmenta.Segmentation;

/// <summary>
/// The segmentation stage on a customers × features matrix: fit the transform, set extreme customers apart, choose k
/// (or take the given one), fit the final model, number segments by descending mean monetary value (or size) so reruns
/// keep the same numbering, and project customers to 2-D for plotting.
/// </summary>
public static class CustomerSegmenter
{
    /// <summary>Segments the rows of <paramref name="raw"/> (untransformed features).</summary>
    public static SegmentationResult Run(FeatureMatrix raw, SegmentationOptions options)
    {
        options.Validate();
        if (raw.Rows < 2)
        {
            throw new SegmentaException($"Only {raw.Rows} customer(s): at least two are needed to make segments.");
        }
        var transform = FeatureTransform.Fit(raw, options.Scaling, options.WinsorizePercentile);
        var all = transform.Apply(raw);
        var extreme = ExtremeCustomers.Find(all, options);
        var inliers = Enumerable.Range(0, raw.Rows).Where(i => !extreme.Contains(i)).ToArray();
        var clusteredRaw = extreme.Count == 0 ? raw : raw.Select(inliers);
        var x = extreme.Count == 0 ? all : all.Select(inliers);
        // Mixtures are fitted on dequantised counts; labels, criteria and scoring use the customers' own values.
        var fitOn = options.Algorithm == ClusteringAlgorithm.GaussianMixture ? transform.ApplyDequantised(clusteredRaw, options.Seed) : x;
        // Choosing k ends with the chosen k's final fit, which its row in the table describes.
        SweepFit? final = null;
        var selection = options.K is null ? ModelSelector.Select(x, options with { MaxK = Math.Min(options.MaxK, x.Rows) }, fitOn, out final) : null;
        var k = Math.Min(options.K ?? selection!.ChosenK, x.Rows);
        final ??= ModelSelector.Fit(x, fitOn, k, options);
        double? threshold = extreme.Count > 0 ? options.ExtremeThreshold : null;

        SegmentationModel model;
        if (options.Algorithm == ClusteringAlgorithm.KMeans)
        {
            var fit = final.KMeans!;
            var order = SegmentOrder(clusteredRaw, fit.Labels, k);
            model = new SegmentationModel
            {
                Algorithm = options.Algorithm, K = k, Seed = options.Seed, Transform = transform, ExtremeThreshold = threshold,
                Centroids = Reorder(fit.Centroids, order, x.Columns),
            };
        }
        else
        {
            var fit = final.Mixture!;
            var order = SegmentOrder(clusteredRaw, final.Labels, k);
            var covarianceSize = options.Covariance == CovarianceType.Full ? x.Columns * x.Columns : x.Columns;
            model = new SegmentationModel
            {
                Algorithm = options.Algorithm, K = k, Seed = options.Seed, Transform = transform, ExtremeThreshold = threshold, Covariance = options.Covariance,
                Weights = Reorder(fit.Weights, order, 1), Means = Reorder(fit.Means, order, x.Columns), Covariances = Reorder(fit.Covariances, order, covarianceSize),
            };
        }
        // Labels come from the saved model, so scoring the training customers gives back exactly these segments.
        var (labels, probabilities) = model.Assign(raw);
        var inertia = Inertia(x, [.. inliers.Select(i => labels[i])], k);
        var note = extreme.Count > 0 ? ExtremeCustomers.Sentence(extreme.Count, raw.Rows, threshold!.Value, k) : null;
        if (selection is not null && note is not null)
        {
            selection = selection with { Explanation = selection.Explanation + " " + note };
        }
        return new SegmentationResult(labels, probabilities, selection, Pca.Project2D(all), model, inertia) { ExtremeNote = note };
    }

    /// <summary>
    /// Every row of <paramref name="raw"/> assigned to the model fitted on a sample of them (<paramref name="fitted"/>):
    /// labels and probabilities from the model (as scoring gives them, and as the SQL assignment on a server does), the
    /// projection and inertia over all rows; <paramref name="sampleNote"/> says what the fit saw.
    /// </summary>
    internal static SegmentationResult AssignAll(SegmentationResult fitted, FeatureMatrix raw, string sampleNote)
    {
        var model = fitted.Model;
        var (labels, probabilities) = model.Assign(raw);
        var all = model.Transform.Apply(raw);
        var clustered = Enumerable.Range(0, raw.Rows).Where(i => labels[i] < model.K).ToArray();
        var inertia = Inertia(all.Select(clustered), [.. clustered.Select(i => labels[i])], model.K);
        var selection = fitted.Selection is { } s ? s with { Explanation = s.Explanation + " " + sampleNote } : null;
        return new SegmentationResult(labels, probabilities, selection, Pca.Project2D(all), model, inertia) { ExtremeNote = fitted.ExtremeNote, FitSampleNote = sampleNote };
    }

    /// <summary>The within-segment sum of squares of <paramref name="x"/> around its segments' means.</summary>
    private static double Inertia(FeatureMatrix x, int[] labels, int k)
    {
        var centroids = ClusterMetrics.Centroids(x, labels, k, out _);
        return Enumerable.Range(0, x.Rows).Sum(i => Distance.Squared(x.Row(i), centroids.AsSpan(labels[i] * x.Columns, x.Columns)));
    }

    /// <summary>New number of each fitted cluster: by descending mean of "monetary" if it is a feature, else by size.</summary>
    private static int[] SegmentOrder(FeatureMatrix raw, int[] labels, int k)
    {
        var monetary = raw.Names.ToList().IndexOf("monetary");
        var keys = new double[k];
        var counts = new int[k];
        for (var i = 0; i < raw.Rows; i++)
        {
            counts[labels[i]]++;
            keys[labels[i]] += monetary >= 0 ? raw.Values[i * raw.Columns + monetary] : 1;
        }
        var ranked = Enumerable.Range(0, k).OrderByDescending(c => monetary >= 0 ? keys[c] / Math.Max(1, counts[c]) : counts[c]).ThenBy(c => c).ToArray();
        var order = new int[k];
        for (var position = 0; position < k; position++)
        {
            order[ranked[position]] = position;
        }
        return order;
    }

    private static double[] Reorder(double[] blocks, int[] order, int blockSize)
    {
        var result = new double[blocks.Length];
        for (var old = 0; old < order.Length; old++)
        {
            Array.Copy(blocks, old * blockSize, result, order[old] * blockSize, blockSize);
        }
        return result;
    }
}
