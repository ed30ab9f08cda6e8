namespace Segmenta.Segmentation;

/// <summary>Clustering algorithm.</summary>
public enum ClusteringAlgorithm
{
    /// <summary>K-Means (k-means++, restarts, Hamerly's accelerated Lloyd iterations).</summary>
    KMeans,
    /// <summary>Gaussian mixture fitted by EM from a K-Means start; gives membership probabilities.</summary>
    GaussianMixture,
}

/// <summary>How features are put on a common scale after the log transform.</summary>
public enum Scaling
{
    /// <summary>(x - mean) / population standard deviation, as scikit-learn's StandardScaler.</summary>
    Standard,
    /// <summary>(x - median) / interquartile range: insensitive to extreme customers.</summary>
    Robust,
}

/// <summary>Shape of each mixture component's covariance.</summary>
public enum CovarianceType
{
    /// <summary>A full covariance matrix per component.</summary>
    Full,
    /// <summary>Only variances (axis-aligned ellipsoids).</summary>
    Diagonal,
}

/// <summary>Settings of the segmentation stage; validated once by <see cref="Validate"/>.</summary>
public sealed record SegmentationOptions
{
    /// <summary>Default features: recency, frequency, monetary.</summary>
    public static IReadOnlyList<string> DefaultFeatures { get; } = ["recency", "frequency", "monetary"];

    public ClusteringAlgorithm Algorithm { get; init; } = ClusteringAlgorithm.KMeans;

    /// <summary>Number of segments; null = choose from <see cref="MinK"/>..<see cref="MaxK"/>.</summary>
    public int? K { get; init; }

    public int MinK { get; init; } = 2;

    public int MaxK { get; init; } = 10;

    /// <summary>Customer features (columns of the customers table) to cluster on.</summary>
    public IReadOnlyList<string> Features { get; init; } = DefaultFeatures;

    public Scaling Scaling { get; init; } = Scaling.Standard;

    /// <summary>Clip each feature to this percentile and its mirror (e.g. 99 = 1st..99th); null = off.</summary>
    public double? WinsorizePercentile { get; init; }

    /// <summary>Seed of every random step.</summary>
    public int Seed { get; init; }

    /// <summary>Restarts of K-Means (the lowest inertia wins) and of the mixture's EM.</summary>
    public int NInit { get; init; } = 10;

    public int MaxIterations { get; init; } = 300;

    /// <summary>Relative tolerance (scaled by the mean feature variance, as scikit-learn).</summary>
    public double Tolerance { get; init; } = 1e-4;

    public CovarianceType Covariance { get; init; } = CovarianceType.Full;

    /// <summary>Added to covariance diagonals so near-identical customers cannot make a component singular.</summary>
    public double RegCovar { get; init; } = 1e-6;

    /// <summary>Bootstrap resamples per k for the stability check (0 = skip).</summary>
    public int BootstrapResamples { get; init; } = 10;

    /// <summary>Above this many customers the silhouette is computed on a seeded sample of this size.</summary>
    public int SilhouetteSampleSize { get; init; } = 10_000;

    internal void Validate()
    {
        if (K is { } k && k < 2)
        {
            throw new SegmentaException($"--k must be 2 or more (or auto): one segment would be the whole base; got {k}.");
        }
        if (MinK < 2 || MaxK < MinK)
        {
            throw new SegmentaException($"--k-range {MinK}..{MaxK}: give two numbers, the first at least 2, e.g. 2..10.");
        }
        if (Features.Count == 0)
        {
            throw new SegmentaException("--features: name at least one customer feature, e.g. recency,frequency,monetary.");
        }
        if (WinsorizePercentile is { } p && (p <= 50 || p >= 100))
        {
            throw new SegmentaException($"--winsorize {p}: give a percentile between 50 and 100, e.g. 99.");
        }
        if (NInit < 1 || MaxIterations < 1)
        {
            throw new SegmentaException("--n-init and the iteration cap must be 1 or more.");
        }
    }
}
