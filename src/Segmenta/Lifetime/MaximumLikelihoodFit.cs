namespace Segmenta.Lifetime;

/// <summary>What a maximum-likelihood fit found and how much to trust it.</summary>
/// <param name="Theta">The parameters at the best point found.</param>
/// <param name="LogLikelihood">The total log-likelihood there.</param>
/// <param name="StandardErrors">Standard errors of <paramref name="Theta"/> (null when the Hessian is unusable).</param>
/// <param name="Converged">True when the gradient is near zero and the Hessian positive definite.</param>
/// <param name="Iterations">Optimiser iterations of the best start.</param>
/// <param name="GradientNorm">Largest gradient component of the mean log-likelihood in log parameters.</param>
/// <param name="Starts">Starts tried.</param>
/// <param name="StartsAgreeing">Starts that reached the same best log-likelihood.</param>
/// <param name="Problem">Why the fit is not trusted (null when it converged).</param>
internal sealed record MaximumLikelihoodFit(
    double[] Theta, double LogLikelihood, double[]? StandardErrors, bool Converged, int Iterations, double GradientNorm,
    int Starts, int StartsAgreeing, string? Problem)
{
    /// <summary>True when the maximum lies on the boundary (a shape parameter at 0; the Hessian is singular there).</summary>
    internal bool AtBoundary { get; init; }

    /// <summary>Starts that stopped on reaching the region of a limit fitted directly (<see cref="NbdLimit"/>).</summary>
    internal int AbsorbedStarts { get; init; }

    internal static MaximumLikelihoodFit Failed(int dimension, int starts, string problem) =>
        new([.. Enumerable.Repeat(double.NaN, dimension)], double.NaN, null, false, 0, double.NaN, starts, 0, problem);
}
