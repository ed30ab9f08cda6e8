using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>The Gamma-Gamma log-likelihood summed over weighted (x, m) rows, with its analytic gradient in (p, q, γ).</summary>
internal sealed class GammaGammaLikelihood(double[] x, double[] m, double[] weight) : ILikelihood
{
    public int Dimension => 3;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double p = theta[0], q = theta[1], gamma = theta[2];
        double total = 0, gp = 0, gq = 0, gg = 0;
        double lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q), logGamma = Math.Log(gamma);
        for (var i = 0; i < x.Length; i++)
        {
            double xi = x[i], mi = m[i], w = weight[i];
            var px = p * xi;
            var logM = Math.Log(mi);
            var logX = Math.Log(xi);
            var logSum = Math.Log(gamma + mi * xi);
            total += w * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ + q * logGamma
                + (px - 1) * logM + px * logX - (px + q) * logSum);
            var psiPQ = SpecialFunctions.DiGamma(px + q);
            gp += w * xi * (psiPQ - SpecialFunctions.DiGamma(px) + logM + logX - logSum);
            gq += w * (psiPQ - psiQ + logGamma - logSum);
            gg += w * (q / gamma - (px + q) / (gamma + mi * xi));
        }
        if (!gradient.IsEmpty)
        {
            gradient[0] = gp;
            gradient[1] = gq;
            gradient[2] = gg;
        }
        return total;
    }
}
