using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// The BG/NBD and MBG/NBD log-likelihoods summed over weighted rows, with their analytic gradient in (r, α, a, b).
/// The two models differ only in a shift of x in the beta terms and in whether x = 0 may have dropped out.
/// </summary>
internal sealed class BgNbdLikelihood(SummaryRows rows, bool modified) : ILikelihood
{
    public int Dimension => 4;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = theta[0], alpha = theta[1], a = theta[2], b = theta[3];
        var shift = modified ? 1.0 : 0.0;
        double total = 0, gr = 0, galpha = 0, ga = 0, gb = 0;
        double lgR = SpecialFunctions.GammaLn(r), lgB = SpecialFunctions.GammaLn(b), lgAB = SpecialFunctions.GammaLn(a + b);
        double psiR = SpecialFunctions.DiGamma(r), psiB = SpecialFunctions.DiGamma(b), psiAB = SpecialFunctions.DiGamma(a + b);
        var logAlpha = Math.Log(alpha);
        var logA = Math.Log(a);
        var xs = rows.DistinctX;
        for (var k = 0; k < xs.Length; k++)
        {
            var x = xs[k];
            var w = rows.WeightByX[k];
            total += w * (SpecialFunctions.GammaLn(r + x) - lgR + r * logAlpha
                + lgAB + SpecialFunctions.GammaLn(b + x + shift) - lgB - SpecialFunctions.GammaLn(a + b + x + shift));
            var psiABX = SpecialFunctions.DiGamma(a + b + x + shift);
            gr += w * (SpecialFunctions.DiGamma(r + x) - psiR + logAlpha);
            galpha += w * r / alpha;
            ga += w * (psiAB - psiABX);
            gb += w * (psiAB + SpecialFunctions.DiGamma(b + x + shift) - psiB - psiABX);
        }
        for (var i = 0; i < rows.Count; i++)
        {
            double x = rows.X[i], w = rows.Weight[i];
            var logEnd = Math.Log(alpha + rows.T[i]);
            var alive = -(r + x) * logEnd;
            if (x == 0 && !modified)
            {
                total += w * alive;
                gr -= w * logEnd;
                galpha -= w * r / (alpha + rows.T[i]);
                continue;
            }
            var denominator = b + x - 1 + shift;
            var logLast = Math.Log(alpha + rows.Tx[i]);
            var dead = logA - Math.Log(denominator) - (r + x) * logLast;
            var log = LogMath.AddExp(alive, dead);
            total += w * log;
            var pAlive = Math.Exp(alive - log);
            var pDead = 1 - pAlive;
            gr += w * (-pAlive * logEnd - pDead * logLast);
            galpha += w * (-pAlive * (r + x) / (alpha + rows.T[i]) - pDead * (r + x) / (alpha + rows.Tx[i]));
            ga += w * pDead / a;
            gb -= w * pDead / denominator;
        }
        if (!gradient.IsEmpty)
        {
            gradient[0] = gr;
            gradient[1] = galpha;
            gradient[2] = ga;
            gradient[3] = gb;
        }
        return total;
    }
}
