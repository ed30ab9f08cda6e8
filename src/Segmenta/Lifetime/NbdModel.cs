using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// A counting model fitted at its no-dropout limit (<see cref="NbdLimit"/>): BG/NBD or MBG/NBD at a = 0, Pareto/NBD at
/// s = 0. Nobody drops out, so it is the NBD: purchases at a gamma(r, α) distributed Poisson rate. The other dropout
/// parameter (b or β) has no effect there and is not identified; it is reported as NaN (an empty cell).
/// </summary>
public sealed class NbdModel : ICountingModel
{
    /// <summary>Builds the limit of the model <paramref name="kind"/>; r and α must be finite and positive.</summary>
    public NbdModel(CountingModelKind kind, double r, double alpha)
    {
        Kind = kind;
        R = ModelChecks.Positive(r, nameof(r));
        Alpha = ModelChecks.Positive(alpha, nameof(alpha));
    }

    /// <summary>Shape of the purchase rate's gamma distribution.</summary>
    public double R { get; }

    /// <summary>Scale (in time units) of the purchase rate's gamma distribution.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public CountingModelKind Kind { get; }

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, double Value)> Parameters => Kind == CountingModelKind.ParetoNbd
        ? [("r", R), ("alpha", Alpha), ("s", 0.0), ("beta", double.NaN)]
        : [("r", R), ("alpha", Alpha), ("a", 0.0), ("b", double.NaN)];

    /// <inheritdoc/>
    public double LogLikelihood(double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        return SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha) - (R + x) * Math.Log(Alpha + t);
    }

    /// <inheritdoc/>
    public double ProbabilityAlive(double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        return 1;
    }

    /// <inheritdoc/>
    /// <remarks>The posterior rate is gamma(r + x, α + T), so E[X(h)] = h (r + x) / (α + T).</remarks>
    public double ExpectedPurchases(double horizon, double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        return horizon <= 0 ? 0 : horizon * (R + x) / (Alpha + t);
    }

    /// <inheritdoc/>
    /// <remarks>Negative binomial: a Poisson count over the horizon at the posterior gamma(r + x, α + T) rate.</remarks>
    public double ProbabilityOfPurchases(int count, double horizon, double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        if (horizon <= 0)
        {
            return count == 0 ? 1 : 0;
        }
        double shape = R + x, scale = Alpha + t;
        return Math.Exp(SpecialFunctions.GammaLn(shape + count) - SpecialFunctions.GammaLn(shape) - SpecialFunctions.GammaLn(count + 1)
            + shape * Math.Log(scale / (scale + horizon)) + count * Math.Log(horizon / (scale + horizon)));
    }
}
