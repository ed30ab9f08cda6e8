namespace Segmenta.Segmentation;

/// <summary>
/// A fitted Gaussian mixture: weights, means and covariances (full d×d, or the diagonal only) of each component.
/// Immutable; <see cref="PredictProba"/> gives each row's membership probabilities. Its invariants (k ≥ 1, k weights,
/// k × columns means, k covariance blocks of the declared shape, all finite) are checked when it is built.
/// </summary>
public sealed record GaussianMixtureModel(
    int K, int Columns, CovarianceType Covariance, double[] Weights, double[] Means, double[] Covariances,
    double MeanLogLikelihood, int Iterations, bool Converged, int Rows)
{
    /// <summary>Component weights (k).</summary>
    public double[] Weights { get; init; } = ModelInvariants.Values(Weights, ModelInvariants.AtLeastOne(K, nameof(K)), nameof(Weights));

    /// <summary>Component means, row-major (k × columns).</summary>
    public double[] Means { get; init; } = ModelInvariants.Values(Means, K * ModelInvariants.AtLeastOne(Columns, nameof(Columns)), nameof(Means));

    /// <summary>Component covariances: k blocks of columns × columns (full) or columns (diagonal).</summary>
    public double[] Covariances { get; init; } = ModelInvariants.Values(Covariances, K * (Covariance == CovarianceType.Full ? Columns * Columns : Columns), nameof(Covariances));

    /// <summary>Free parameters: means, covariances and k - 1 weights.</summary>
    public int Parameters => K * Columns + K * (Covariance == CovarianceType.Full ? Columns * (Columns + 1) / 2 : Columns) + K - 1;

    /// <summary>Bayesian information criterion on the training rows (lower is better).</summary>
    public double Bic => -2 * MeanLogLikelihood * Rows + Parameters * Math.Log(Rows);

    /// <summary>Akaike information criterion on the training rows (lower is better).</summary>
    public double Aic => -2 * MeanLogLikelihood * Rows + 2 * Parameters;

    /// <summary>Membership probabilities, row-major (rows × k).</summary>
    public double[] PredictProba(FeatureMatrix x) => GaussianMixture.Responsibilities(this, x, out _);

    /// <summary>The most probable component of each row.</summary>
    public int[] Predict(FeatureMatrix x)
    {
        var probabilities = PredictProba(x);
        var labels = new int[x.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            var best = 0;
            for (var c = 1; c < K; c++)
            {
                if (probabilities[i * K + c] > probabilities[i * K + best])
                {
                    best = c;
                }
            }
            labels[i] = best;
        }
        return labels;
    }
}
