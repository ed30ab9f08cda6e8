using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// A fitted Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987; formulas from Fader &amp; Hardie 2005,
/// "A note on deriving the Pareto/NBD model and related expressions"): purchases at a gamma(r, α) distributed
/// Poisson rate, an exponential lifetime whose rate is gamma(s, β) distributed.
/// </summary>
public sealed class ParetoNbdModel : ICountingModel
{
    private const int QuadratureOrder = 128;

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
        var ratio = Math.Log((Beta + t + horizon) / (Beta + t));
        var bracket = Math.Abs(S - 1) < 1e-9 ? ratio : -double.ExpM1(-(S - 1) * ratio) / (S - 1);
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
            u <= 0 ? (count == 0 ? 1 : 0) : Math.Exp(coefficient + r * Math.Log(alpha / (alpha + u)) + count * Math.Log(u / (alpha + u)));
        var survives = Math.Exp(S * Math.Log(beta / (beta + horizon)));
        var ends = MathNet.Numerics.Integration.GaussLegendreRule.Integrate(
            u => S / (beta + u) * Math.Exp(S * Math.Log(beta / (beta + u))) * NegativeBinomial(u), 0, horizon, QuadratureOrder);
        var future = alive * (survives * NegativeBinomial(horizon) + ends);
        return count == 0 ? future + (1 - alive) : future;
    }

    private double Head(double x) =>
        SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha) + S * Math.Log(Beta);

    private double LogAliveTerm(double x, double t) => -(R + x) * Math.Log(Alpha + t) - S * Math.Log(Beta + t);

    /// <summary>log of L / (the gamma head): the alive-at-T term plus the died-in-(t_x, T] term.</summary>
    private double LogTail(double x, double tx, double t) =>
        LogMath.AddExp(LogAliveTerm(x, t), Math.Log(S) - Math.Log(R + S + x) + LogA0(x, tx, t));

    /// <summary>log A0 of Fader &amp; Hardie's note, with the hypergeometric argument kept below 1 by taking the larger scale.</summary>
    private double LogA0(double x, double tx, double t)
    {
        var rsx = R + S + x;
        var (larger, second) = Alpha >= Beta ? (Alpha, S + 1) : (Beta, R + x);
        var gap = Math.Abs(Alpha - Beta);
        var atLast = Hypergeometric.LogAPlusOne(rsx, second, gap / (larger + tx)).Log - rsx * Math.Log(larger + tx);
        var atEnd = Hypergeometric.LogAPlusOne(rsx, second, gap / (larger + t)).Log - rsx * Math.Log(larger + t);
        return LogMath.SubtractExp(atLast, atEnd);
    }
}
