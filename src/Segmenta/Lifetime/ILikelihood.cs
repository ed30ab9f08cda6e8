namespace Segmenta.Lifetime;

/// <summary>A log-likelihood over a data set, as a function of the model's natural (positive) parameters.</summary>
internal interface ILikelihood
{
    int Dimension { get; }

    /// <summary>False when the gradient is taken by differences (and so is noisy near 1e-10).</summary>
    bool HasAnalyticGradient => true;

    /// <summary>
    /// True when θ lies (numerically) on a limit of the parameter space where the model reduces to a simpler one, so that
    /// a flat maximum there is the limiting model: by default a parameter below <see cref="MaximumLikelihood.BoundaryValue"/>.
    /// </summary>
    bool AtBoundary(ReadOnlySpan<double> theta)
    {
        foreach (var value in theta)
        {
            if (value < MaximumLikelihood.BoundaryValue)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The log-likelihood at <paramref name="theta"/>; fills <paramref name="gradient"/> (d LL / d θ) unless it is empty.</summary>
    double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient);
}
