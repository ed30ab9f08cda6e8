namespace Segmenta.Lifetime;

/// <summary>One estimated parameter with its standard error (null when the Hessian could not give one).</summary>
public sealed record FittedParameter(string Name, double Value, double? StandardError);

/// <summary>
/// The outcome of fitting one model: its parameters and diagnostics always, the usable model only when the fit
/// converged. A failed fit is reported, never used.
/// </summary>
public sealed record ModelFit
{
    /// <summary>The model's name as in the outputs: bgnbd, pareto-nbd, mbgnbd or gamma-gamma.</summary>
    public required string Name { get; init; }

    /// <summary>The parameters at the best point found.</summary>
    public required IReadOnlyList<FittedParameter> Parameters { get; init; }

    /// <summary>Total log-likelihood at the best point.</summary>
    public required double LogLikelihood { get; init; }

    /// <summary>Customers the model was fitted on.</summary>
    public required long Customers { get; init; }

    /// <summary>Unique rows the likelihood was evaluated on.</summary>
    public required int UniqueRows { get; init; }

    /// <summary>True when the optimum is a verified maximum (small gradient, positive definite Hessian).</summary>
    public required bool Converged { get; init; }

    /// <summary>Optimiser iterations of the best start.</summary>
    public required int Iterations { get; init; }

    /// <summary>Starts tried, and how many reached the best log-likelihood.</summary>
    public required (int Tried, int Agreeing) Starts { get; init; }

    /// <summary>
    /// True when the maximum lies on the boundary of the parameter space (e.g. the dropout shape a or s at 0: nobody is
    /// seen to drop out). The fit is usable (it is the limiting model) but those parameters have no standard error.
    /// </summary>
    public bool AtBoundary { get; init; }

    /// <summary>Why the fit is not trusted; null when it converged.</summary>
    public string? Problem { get; init; }

    /// <summary>The counting model, when this is a converged counting fit.</summary>
    public ICountingModel? CountingModel { get; init; }

    /// <summary>The spend model, when this is a converged spend fit.</summary>
    public GammaGammaModel? SpendModel { get; init; }

    internal static ModelFit From(string name, string[] parameterNames, MaximumLikelihoodFit fit, long customers, int rows) => new()
    {
        Name = name,
        Parameters = [.. parameterNames.Select((p, j) => new FittedParameter(p, fit.Theta[j], fit.StandardErrors?[j]))],
        LogLikelihood = fit.LogLikelihood,
        Customers = customers,
        UniqueRows = rows,
        Converged = fit.Converged,
        Iterations = fit.Iterations,
        Starts = (fit.Starts, fit.StartsAgreeing),
        Problem = fit.Problem,
        AtBoundary = fit.AtBoundary,
    };
}
