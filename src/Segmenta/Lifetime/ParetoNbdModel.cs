using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// A fitted Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987; formulas from Fader &amp; Hardie 2005,
/// "A note on deriving the Pareto/NBD model and related expressions"): purchases at a gamma(r, α) distributed
/// Poisson rate, an exponential lifetime whose rate is gamma(s, β) distributed.
/// </summary>
public sealed class ParetoNbdModel : ICountingModel
{
    internal const int QuadratureOrder = 128;

    /// <summary>Builds the model; every parameter must be finite and positive.</summary>
    public ParetoNbdModel(double r, double alpha, double s, double beta)
    {
        R = ModelChecks.Positive(r, nameof(r));
        Alpha = ModelChecks.Positive(alpha, nameof(alpha));
        S = ModelChecks.Positive(s, nameof(s));
        Beta = ModelChecks.Positive(beta, nameof(beta));
    }

    /// <summary>Shape of the purchase rate's gamma distribution.</summary>
    public double R { get; }

    /// <summary>Scale (in time units) of the purchase rate's gamma distribution.</summary>
    public double Alpha { get; }

    /// <summary>Shape of the dropout rate's gamma distribution.</summary>
    public double S { get; }

    /// <summary>Scale (in time units) of the dropout rate's gamma distribution.</summary>
    public double Beta { get; }

    /// <inheritdoc/>
    public CountingModelKind Kind => CountingModelKind.ParetoNbd;

    /// <inheritdoc/>
    public IReadOnlyList<(string Name, double Value)> Parameters => [("r", R), ("alpha", Alpha), ("s", S), ("beta", Beta)];

    /// <inheritdoc/>
    public double LogLikelihood(double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        return Head(x) + LogTail(x, tx, t);
    }

    /// <inheritdoc/>
    public double ProbabilityAlive(double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        return Math.Exp(LogAliveTerm(x, t) - LogTail(x, tx, t));
    }

    /// <inheritdoc/>
    public double ExpectedPurchases(double horizon, double x, double tx, double t)
    {
        if (horizon <= 0)
        {
            return 0;
        }
        // Fader & Hardie (2005), equation (22); at s = 1 the bracket divided by (s − 1) tends to ln((β+T+t)/(β+T)).
        var ratio = LogMath.Log1P(horizon / (Beta + t));
        var bracket = Math.Abs(S - 1) < 1e-9 ? ratio : -LogMath.ExpM1(-(S - 1) * ratio) / (S - 1);
        return Math.Max(0, (R + x) * (Beta + t) / (Alpha + t) * bracket * ProbabilityAlive(x, tx, t));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Alive at T, the customer buys at a gamma(r + x, α + T) rate for a remaining lifetime whose rate is gamma(s, β + T)
    /// (so P(lifetime &gt; u) = ((β+T)/(β+T+u))^s): purchases are negative binomial over min(lifetime, horizon), the
    /// integral over a lifetime ending within the horizon taken by Gauss-Legendre quadrature.
    /// </remarks>
    public double ProbabilityOfPurchases(int count, double horizon, double x, double tx, double t)
    {
        var alive = ProbabilityAlive(x, tx, t);
        if (horizon <= 0)
        {
            return count == 0 ? 1 : 0;
        }
        double r = R + x, alpha = Alpha + t, beta = Beta + t;
        var coefficient = SpecialFunctions.GammaLn(r + count) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(count + 1);
        double NegativeBinomial(double u) =>
            u <= 0 ? (count == 0 ? 1 : 0) : Math.Exp(coefficient - r * LogMath.Log1P(u / alpha) + count * Math.Log(u / (alpha + u)));
        var survives = Math.Exp(-S * LogMath.Log1P(horizon / beta));
        var ends = MathNet.Numerics.Integration.GaussLegendreRule.Integrate(
            u => S / (beta + u) * Math.Exp(-S * LogMath.Log1P(u / beta)) * NegativeBinomial(u), 0, horizon, QuadratureOrder);
        var future = alive * (survives * NegativeBinomial(horizon) + ends);
        return count == 0 ? future + (1 - alive) : future;
    }

    private double Head(double x) => SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) - x * Math.Log(Alpha);

    private double LogAliveTerm(double x, double t) => ParetoNbdTail.LogAlive(R, Alpha, S, Beta, x, t);

    /// <summary>log of L / (the gamma head): the alive-at-T term plus the died-in-(t_x, T] term.</summary>
    private double LogTail(double x, double tx, double t) => ParetoNbdTail.LogTail(R, Alpha, S, Beta, x, tx, t, []);
}
