using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// The NBD log-likelihood (Poisson purchases at a gamma(r, α) rate, nobody drops out) summed over weighted rows, with
/// its gradient in (r, α): Γ(r+x)/Γ(r) α^r / (α+T)^(r+x) per customer (Ehrenberg 1959; Fader &amp; Hardie's notes).
/// It is the limit of BG/NBD and MBG/NBD at a → 0 and of Pareto/NBD at s → 0 (<see cref="NbdLimit"/>).
/// </summary>
internal sealed class NbdLikelihood(SummaryRows rows) : ILikelihood
{
    public int Dimension => 2;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = theta[0], alpha = theta[1];
        ModelChecks.Positive(r, nameof(r));
        ModelChecks.Positive(alpha, nameof(alpha));
        var logAlpha = Math.Log(alpha);
        double total = 0, dr = 0, dAlpha = 0, gammaLnR = SpecialFunctions.GammaLn(r), digammaR = SpecialFunctions.DiGamma(r);
        var xs = rows.DistinctX;
        for (var k = 0; k < xs.Length; k++)
        {
            var w = rows.WeightByX[k];
            total += w * (SpecialFunctions.GammaLn(r + xs[k]) - gammaLnR + r * logAlpha);
            dr += w * (SpecialFunctions.DiGamma(r + xs[k]) - digammaR + logAlpha);
            dAlpha += w * r / alpha;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            double w = rows.Weight[i], rx = r + rows.X[i], end = alpha + rows.T[i], logEnd = Math.Log(end);
            total -= w * rx * logEnd;
            dr -= w * logEnd;
            dAlpha -= w * rx / end;
        }
        if (!gradient.IsEmpty)
        {
            gradient[0] = dr;
            gradient[1] = dAlpha;
        }
        return total;
    }
}
