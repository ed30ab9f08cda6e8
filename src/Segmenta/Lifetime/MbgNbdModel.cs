using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// A fitted MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007): as BG/NBD, but a customer may also drop out
/// at time zero, so one-time buyers are not all assumed alive.
/// </summary>
public sealed class MbgNbdModel : BetaGeometricModel, ICountingModel
{
    /// <summary>Builds the model; every parameter must be finite and positive.</summary>
    public MbgNbdModel(double r, double alpha, double a, double b)
        : base(r, alpha, a, b)
    {
    }

    /// <inheritdoc/>
    public CountingModelKind Kind => CountingModelKind.MbgNbd;

    /// <inheritdoc/>
    public double LogLikelihood(double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        var head = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha)
            + SpecialFunctions.GammaLn(A + B) + SpecialFunctions.GammaLn(B + x + 1) - SpecialFunctions.GammaLn(B) - SpecialFunctions.GammaLn(A + B + x + 1);
        return head + LogMath.AddExp(-(R + x) * Math.Log(Alpha + t), Math.Log(A) - Math.Log(B + x) - (R + x) * Math.Log(Alpha + tx));
    }

    /// <inheritdoc/>
    public double ProbabilityAlive(double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        return 1.0 / (1.0 + DeadOdds(x, tx, t));
    }

    /// <inheritdoc/>
    public double ExpectedPurchases(double horizon, double x, double tx, double t)
    {
        ModelChecks.Summary(x, tx, t);
        if (horizon <= 0)
        {
            return 0;
        }
        // Batislam et al. (2007), the conditional expectation (as in the lifetimes package's ModifiedBetaGeoFitter).
        var z = horizon / (Alpha + t + horizon);
        var hyp = Hypergeometric.Series(R + x, B + x + 1, A + B + x, z);
        var numerator = (A + B + x) / (A - 1) * (1 - hyp * Math.Pow((Alpha + t) / (Alpha + t + horizon), R + x));
        return Math.Max(0, numerator / (1 + DeadOdds(x, tx, t)));
    }

    /// <inheritdoc/>
    public double ProbabilityOfPurchases(int count, double horizon, double x, double tx, double t)
    {
        var alive = ProbabilityAlive(x, tx, t);
        var future = alive * ProcessProbability(count, horizon, R + x, Alpha + t, A, B + x + 1);
        return count == 0 ? future + (1 - alive) : future;
    }

    private double DeadOdds(double x, double tx, double t) =>
        A / (B + x) * Math.Exp((R + x) * (Math.Log(Alpha + t) - Math.Log(Alpha + tx)));
}
