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
public sealed partial record SegmentationOptions
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

    /// <summary>
    /// Restarts per k while the sweep compares k's (at most <see cref="NInit"/>); the chosen k is then refitted with
    /// <see cref="NInit"/> restarts. 3 keeps the sweep fast; on the shared data its inertias are within 0.5 % of ten restarts'.
    /// </summary>
    public int SweepNInit { get; init; } = 3;

    /// <summary>Iterations of one K-Means start (Lloyd) or one mixture start (EM) at most.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>
    /// Convergence tolerance. K-Means: on the total squared centre shift, relative to the mean feature variance (as
    /// scikit-learn). Mixtures: on the gain in mean log-likelihood per customer between two EM iterations.
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    public CovarianceType Covariance { get; init; } = CovarianceType.Full;

    /// <summary>Added to covariance diagonals so near-identical customers cannot make a component singular.</summary>
    public double RegCovar { get; init; } = 1e-6;

    /// <summary>
    /// A k whose smallest segment holds less than this share of the customers (0..0.5) is set aside when choosing k;
    /// default 2 %. Also the most customers that can be set apart as extreme (see <see cref="ExtremeThreshold"/>).
    /// </summary>
    public double MinSegmentShare { get; init; } = 0.02;

    /// <summary>
    /// Customers more than this many scaled units above the centre on any feature (after the transform, z &gt; 5 by
    /// default) are extreme: when there are fewer of them than <see cref="MinSegmentShare"/>, they are reported as a
    /// group of their own outside the clusters instead of becoming a segment by accident. Null = off.
    /// </summary>
    public double? ExtremeThreshold { get; init; } = 5;

    /// <summary>Bootstrap resamples per k for the stability check (0 = skip); 20 so that the 10th percentile is read between two resamples, not off the worst one.</summary>
    public int BootstrapResamples { get; init; } = 20;

    /// <summary>
    /// Above this many customers the silhouette is computed on a seeded sample of this size (the same sample for every k,
    /// so k's are compared on the same customers); its standard error is then about 0.005.
    /// </summary>
    public int SilhouetteSampleSize { get; init; } = 2_000;

    /// <summary>Default of <see cref="FitSampleAbove"/>: 500,000 customers (about 2 s of sweep per 100,000 below it; docs/segmentation.md).</summary>
    public const int DefaultFitSampleAbove = 500_000;

    /// <summary>Default of <see cref="FitSampleSize"/>: 200,000 customers (under the mini-batch switch, so the sample gets the exact full-batch fit).</summary>
    public const int DefaultFitSampleSize = 200_000;

    /// <summary>
    /// Above this many customers the segmentation (transform, extreme customers, choice of k, final fit) is fitted on a
    /// seeded sample of <see cref="FitSampleSize"/> customers drawn in SQL where the customers are (the same sample on
    /// DuckDB, one PostgreSQL server or a cluster), and every customer is then assigned to the fitted model. At or below
    /// it every customer takes part in the fit, exactly as before. 0 forces the sample whenever there are more customers
    /// than <see cref="FitSampleSize"/>.
    /// </summary>
    public int FitSampleAbove { get; init; } = DefaultFitSampleAbove;

    /// <summary>The customers the segmentation is fitted on above <see cref="FitSampleAbove"/>.</summary>
    public int FitSampleSize { get; init; } = DefaultFitSampleSize;

    internal void Validate()
    {
        if (K is { } k && k < 2)
        {
            throw Invalid(nameof(K), $"must be 2 or more (or auto): one segment would be the whole base; got {k}.");
        }
        if (MinK < 2 || MaxK < MinK)
        {
            throw Invalid("KRange", $"{MinK}..{MaxK}: give two numbers, the first at least 2 and the second not below it, e.g. 2..10.");
        }
        if (Features.Count == 0)
        {
            throw Invalid(nameof(Features), "name at least one customer feature, e.g. recency,frequency,monetary.");
        }
        if (WinsorizePercentile is { } p && (p <= 50 || p >= 100))
        {
            throw Invalid(nameof(WinsorizePercentile), FormattableString.Invariant($"{p}: give a percentile between 50 and 100, e.g. 99."));
        }
        if (MinSegmentShare is < 0 or >= 0.5 || double.IsNaN(MinSegmentShare))
        {
            throw Invalid(nameof(MinSegmentShare), FormattableString.Invariant($"{MinSegmentShare}: give a share of customers from 0 to 0.5, e.g. 0.02 for 2 %."));
        }
        if (ExtremeThreshold is { } t && !(t > 0))
        {
            throw Invalid(nameof(ExtremeThreshold), FormattableString.Invariant($"{t}: give a positive number of scaled units, e.g. 5, or off."));
        }
        if (!(Tolerance >= 0))
        {
            throw Invalid(nameof(Tolerance), FormattableString.Invariant($"{Tolerance}: give 0 or a small positive number, e.g. 1e-4."));
        }
        if (BootstrapResamples < 0)
        {
            throw Invalid(nameof(BootstrapResamples), $"{BootstrapResamples}: give 0 (skip the stability check) or more.");
        }
        if (SilhouetteSampleSize < 2)
        {
            throw Invalid(nameof(SilhouetteSampleSize), $"{SilhouetteSampleSize}: give at least 2.");
        }
        if (FitSampleAbove < 0)
        {
            throw Invalid(nameof(FitSampleAbove), $"{FitSampleAbove}: give 0 (always sample above FitSampleSize) or a number of customers.");
        }
        if (FitSampleSize < SegmentationStage.MinimumCustomers)
        {
            throw Invalid(nameof(FitSampleSize), $"{FitSampleSize}: give at least {SegmentationStage.MinimumCustomers} customers to fit on.");
        }
        if (NInit < 1)
        {
            throw Invalid(nameof(NInit), $"{NInit}: give 1 or more restarts.");
        }
        if (MaxIterations < 1)
        {
            throw Invalid(nameof(MaxIterations), $"{MaxIterations}: give 1 or more iterations.");
        }
        if (SweepNInit < 1)
        {
            throw Invalid(nameof(SweepNInit), $"{SweepNInit}: give 1 or more restarts.");
        }
    }
}
