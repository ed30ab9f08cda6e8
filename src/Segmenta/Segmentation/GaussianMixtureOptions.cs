namespace Segmenta.Segmentation;

/// <summary>Settings of one Gaussian-mixture fit (scikit-learn's GaussianMixture defaults unless noted).</summary>
/// <param name="K">Number of components.</param>
/// <param name="Covariance">Shape of each component's covariance.</param>
/// <param name="Seed">Seed of the K-Means starts.</param>
/// <param name="NInit">EM restarts from different K-Means starts; the highest likelihood wins.</param>
/// <param name="MaxIterations">EM iterations at most.</param>
/// <param name="Tolerance">EM stops when the mean log-likelihood gains less than this.</param>
/// <param name="RegCovar">Added to every variance so a component of identical customers stays a proper density.</param>
public sealed record GaussianMixtureOptions(int K, CovarianceType Covariance = CovarianceType.Full, int Seed = 0, int NInit = 1,
    int MaxIterations = 100, double Tolerance = 1e-3, double RegCovar = 1e-6);
