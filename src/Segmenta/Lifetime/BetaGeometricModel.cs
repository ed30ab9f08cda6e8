using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// The parameters shared by the beta-geometric counting models (BG/NBD and MBG/NBD): a gamma(r, α) distributed
/// Poisson purchase rate and a beta(a, b) distributed dropout probability, checked once when the model is built.
/// </summary>
public abstract class BetaGeometricModel
{
    /// <summary>Builds the parameters; every one must be finite and positive.</summary>
    protected BetaGeometricModel(double r, double alpha, double a, double b)
    {
        R = ModelChecks.Positive(r, nameof(r));
        Alpha = ModelChecks.Positive(alpha, nameof(alpha));
        A = ModelChecks.Positive(a, nameof(a));
        B = ModelChecks.Positive(b, nameof(b));
    }

    /// <summary>Shape of the purchase rate's gamma distribution.</summary>
    public double R { get; }

    /// <summary>Scale (in time units) of the purchase rate's gamma distribution.</summary>
    public double Alpha { get; }

    /// <summary>First shape of the dropout probability's beta distribution.</summary>
    public double A { get; }

    /// <summary>Second shape of the dropout probability's beta distribution.</summary>
    public double B { get; }

    /// <summary>The fitted parameters by name, as written to clv-models.csv.</summary>
    public IReadOnlyList<(string Name, double Value)> Parameters => [("r", R), ("alpha", Alpha), ("a", A), ("b", B)];

    /// <summary>
    /// P(X(t) = k) of a BG/NBD process with parameters (r, α, a, b) that starts now (Fader, Hardie &amp; Lee 2005,
    /// equation 8). A customer known to be alive at T with x repeat purchases continues as such a process with
    /// (r + x, α + T, a, b + x) (BG/NBD) or (r + x, α + T, a, b + x + 1) (MBG/NBD): rate and dropout posteriors are
    /// independent given the customer is alive, and the Poisson process has no memory.
    /// </summary>
    internal static double ProcessProbability(int k, double t, double r, double alpha, double a, double b)
    {
        if (t <= 0)
        {
            return k == 0 ? 1 : 0;
        }
        double logStay = Math.Log(alpha / (alpha + t)), logMove = Math.Log(t / (alpha + t));
        double LogNb(int j) => SpecialFunctions.GammaLn(r + j) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(j + 1) + r * logStay + j * logMove;
        var logBeta = SpecialFunctions.BetaLn(a, b);
        var alive = Math.Exp(SpecialFunctions.BetaLn(a, b + k) - logBeta + LogNb(k));
        if (k == 0)
        {
            return alive;
        }
        double below = 0;
        for (var j = 0; j < k; j++)
        {
            below += Math.Exp(LogNb(j));
        }
        return alive + Math.Exp(SpecialFunctions.BetaLn(a + 1, b + k - 1) - logBeta) * Math.Max(0, 1 - below);
    }
}
