namespace Segmenta.Segmentation;

/// <summary>Settings of one K-Means fit.</summary>
/// <param name="K">Number of clusters.</param>
/// <param name="Seed">Seed of every random step.</param>
/// <param name="NInit">Restarts (full-batch: lowest inertia wins; mini-batch: best k-means++ start on a validation sample).</param>
/// <param name="MaxIterations">Lloyd iterations at most (mini-batch: this many passes' worth of batches at most).</param>
/// <param name="Tolerance">Relative tolerance on the total squared centre shift (scaled by the mean feature variance).</param>
/// <param name="MiniBatchAbove">From this many rows on, mini-batch K-Means is used (documented in docs/segmentation.md).</param>
public sealed record KMeansOptions(int K, int Seed = 0, int NInit = 10, int MaxIterations = 300, double Tolerance = 1e-4, int MiniBatchAbove = KMeansOptions.DefaultMiniBatchAbove)
{
    /// <summary>Default switch-over to mini-batch: 250,000 customers (a full-batch sweep with restarts and bootstrap stays under a few seconds below it).</summary>
    public const int DefaultMiniBatchAbove = 250_000;
}
