using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// The Gamma-Gamma log-likelihood summed over weighted (x, m) rows, with its analytic gradient in (p, q, γ). Rows are
/// sorted by x, so the gamma-function terms, which depend on x only, are computed once per distinct x.
/// </summary>
internal sealed class GammaGammaLikelihood : ILikelihood
{
    private readonly double[] _x;
    private readonly double[] _m;
    private readonly double[] _weight;
    private readonly double[] _distinctX;
    private readonly double[] _weightByX;
    private readonly double _constant;
    private readonly double _weightedLogM;

    /// <param name="x">Spend transactions per row, ascending.</param>
    /// <param name="m">Mean spend per row.</param>
    /// <param name="weight">Customers per row.</param>
    internal GammaGammaLikelihood(double[] x, double[] m, double[] weight)
    {
        _x = x;
        _m = m;
        _weight = weight;
        var distinct = new List<double>();
        var weights = new List<double>();
        for (var i = 0; i < x.Length; i++)
        {
            if (distinct.Count == 0 || distinct[^1] != x[i])
            {
                distinct.Add(x[i]);
                weights.Add(0);
            }
            weights[^1] += weight[i];
        }
        _distinctX = [.. distinct];
        _weightByX = [.. weights];
        for (var i = 0; i < x.Length; i++)
        {
            _constant -= weight[i] * Math.Log(m[i]);
            _weightedLogM += weight[i] * x[i] * (Math.Log(m[i]) + Math.Log(x[i]));
        }
    }

    public int Dimension => 3;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double p = theta[0], q = theta[1], gamma = theta[2];
        double lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q), logGamma = Math.Log(gamma);
        // Σ w [(px − 1) ln m + px ln x] = p Σ w x (ln m + ln x) − Σ w ln m.
        double total = _constant + p * _weightedLogM, gp = _weightedLogM, gq = 0, gg = 0;
        for (var k = 0; k < _distinctX.Length; k++)
        {
            var px = p * _distinctX[k];
            var w = _weightByX[k];
            total += w * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ + q * logGamma);
            var psiPQ = SpecialFunctions.DiGamma(px + q);
            gp += w * _distinctX[k] * (psiPQ - SpecialFunctions.DiGamma(px));
            gq += w * (psiPQ - psiQ + logGamma);
            gg += w * q / gamma;
        }
        for (var i = 0; i < _x.Length; i++)
        {
            var px = p * _x[i];
            var sum = gamma + _m[i] * _x[i];
            var logSum = Math.Log(sum);
            var w = _weight[i];
            total -= w * (px + q) * logSum;
            gp -= w * _x[i] * logSum;
            gq -= w * logSum;
            gg -= w * (px + q) / sum;
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
