using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// A fitted BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): purchases at a
/// gamma(r, α) distributed Poisson rate, dropout after each purchase with a beta(a, b) distributed probability.
/// </summary>
public sealed class BgNbdModel : BetaGeometricModel, ICountingModel
{
    /// <summary>Builds the model; every parameter must be finite and positive.</summary>
    public BgNbdModel(double r, double alpha, double a, double b)
        : base(r, alpha, a, b)
    {
    }

    /// <inheritdoc/>
    public CountingModelKind Kind => CountingModelKind.BgNbd;

    /// <inheritdoc/>
    public double LogLikelihood(double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        var head = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha)
            + SpecialFunctions.GammaLn(A + B) + SpecialFunctions.GammaLn(B + x) - SpecialFunctions.GammaLn(B) - SpecialFunctions.GammaLn(A + B + x);
        var alive = -(R + x) * Math.Log(Alpha + t);
        return x > 0
            ? head + LogMath.AddExp(alive, Math.Log(A) - Math.Log(B + x - 1) - (R + x) * Math.Log(Alpha + tx))
            : head + alive;
    }

    /// <inheritdoc/>
    public double ProbabilityAlive(double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        return x == 0 ? 1.0 : 1.0 / (1.0 + DeadOdds(x, tx, t));
    }

    /// <inheritdoc/>
    public double ExpectedPurchases(double horizon, double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        if (horizon <= 0)
        {
            return 0;
        }
        // Fader, Hardie & Lee (2005), equation (10).
        var z = horizon / (Alpha + t + horizon);
        var hyp = Hypergeometric.Series(R + x, B + x, A + B + x - 1, z);
        var numerator = (A + B + x - 1) / (A - 1) * (1 - Math.Pow((Alpha + t) / (Alpha + t + horizon), R + x) * hyp);
        var denominator = 1 + (x > 0 ? DeadOdds(x, tx, t) : 0);
        return Math.Max(0, numerator / denominator);
    }

    /// <inheritdoc/>
    public double ProbabilityOfPurchases(int count, double horizon, double x, double tx, double t)
    {
        var alive = ProbabilityAlive(x, tx, t);
        var future = alive * ProcessProbability(count, horizon, R + x, Alpha + t, A, B + x);
        return count == 0 ? future + (1 - alive) : future;
    }

    private double DeadOdds(double x, double tx, double t) =>
        A / (B + x - 1) * Math.Exp((R + x) * (Math.Log(Alpha + t) - Math.Log(Alpha + tx)));
}
