namespace Segmenta.Lifetime;

/// <summary>A log-likelihood over a data set, as a function of the model's natural (positive) parameters.</summary>
internal interface ILikelihood
{
    int Dimension { get; }

    /// <summary>False when the gradient is taken by differences (and so is noisy near 1e-10).</summary>
    bool HasAnalyticGradient => true;

    /// <summary>The log-likelihood at <paramref name="theta"/>; fills <paramref name="gradient"/> (d LL / d θ) unless it is empty.</summary>
    double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient);
}
