using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// A fitted Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using iso-value curves"; Fader &amp;
/// Hardie 2013, "The Gamma-Gamma model of monetary value"): a customer's spend per transaction is gamma(p, ν) with
/// ν gamma(q, γ) distributed across customers. Fitted on customers with repeat purchases only.
/// </summary>
public sealed class GammaGammaModel
{
    /// <summary>Builds the model; every parameter must be finite and positive.</summary>
    public GammaGammaModel(double p, double q, double gamma)
    {
        P = ModelChecks.Positive(p, nameof(p));
        Q = ModelChecks.Positive(q, nameof(q));
        Gamma = ModelChecks.Positive(gamma, nameof(gamma));
    }

    /// <summary>Shape of a transaction's spend.</summary>
    public double P { get; }

    /// <summary>Shape of the spend scale's gamma distribution across customers.</summary>
    public double Q { get; }

    /// <summary>Scale of the spend scale's gamma distribution across customers.</summary>
    public double Gamma { get; }

    /// <summary>The parameters by name.</summary>
    public IReadOnlyList<(string Name, double Value)> Parameters => [("p", P), ("q", Q), ("gamma", Gamma)];

    /// <summary>The mean spend per transaction of the population; undefined (null) when q ≤ 1.</summary>
    public double? PopulationMeanSpend => Q > 1 ? P * Gamma / (Q - 1) : null;

    /// <summary>The log-likelihood of a customer's x transactions with mean spend m (x ≥ 1, m &gt; 0).</summary>
    public double LogLikelihood(double x, double m)
    {
        Check(x, m);
        var px = P * x;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q)
            + Q * Math.Log(Gamma) + (px - 1) * Math.Log(m) + px * Math.Log(x) - (px + Q) * Math.Log(Gamma + m * x);
    }

    /// <summary>
    /// The expected spend per transaction of a customer with x spend transactions of mean m: a weighted mean of m and
    /// the population mean. x = 0 gives the population mean. Null when q ≤ 1 (the mean does not exist).
    /// </summary>
    public double? ExpectedSpend(double x, double m)
    {
        if (Q <= 1)
        {
            return null;
        }
        if (x == 0)
        {
            return PopulationMeanSpend;
        }
        Check(x, m);
        return P * (Gamma + x * m) / (P * x + Q - 1);
    }

    private static void Check(double x, double m)
    {
        if (!(x >= 1 && m > 0 && double.IsFinite(m)))
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"The spend model needs x >= 1 transactions with a positive mean spend; got x={x}, m={m}.");
        }
    }
}
