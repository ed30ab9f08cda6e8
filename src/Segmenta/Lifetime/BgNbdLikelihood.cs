using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// The BG/NBD and MBG/NBD log-likelihoods summed over weighted rows, with their analytic gradient in (r, α, a, b).
/// The two models differ only in a shift of x in the beta terms and in whether x = 0 may have dropped out.
/// Terms that depend on x only are computed once per distinct x; large data are summed in fixed chunks on all cores,
/// added in chunk order so that the result does not depend on scheduling.
/// </summary>
internal sealed class BgNbdLikelihood(SummaryRows rows, bool modified) : ILikelihood
{
    private const int ChunkRows = 32_768;

    public int Dimension => 4;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = theta[0], alpha = theta[1], a = theta[2], b = theta[3];
        var shift = modified ? 1.0 : 0.0;
        var sums = new double[5];
        double lgR = SpecialFunctions.GammaLn(r), lgB = SpecialFunctions.GammaLn(b), lgAB = SpecialFunctions.GammaLn(a + b);
        double psiR = SpecialFunctions.DiGamma(r), psiB = SpecialFunctions.DiGamma(b), psiAB = SpecialFunctions.DiGamma(a + b);
        var logAlpha = Math.Log(alpha);
        var xs = rows.DistinctX;
        var logDenominator = new double[xs.Length];
        for (var k = 0; k < xs.Length; k++)
        {
            var x = xs[k];
            var w = rows.WeightByX[k];
            sums[0] += w * (SpecialFunctions.GammaLn(r + x) - lgR + r * logAlpha
                + lgAB + SpecialFunctions.GammaLn(b + x + shift) - lgB - SpecialFunctions.GammaLn(a + b + x + shift));
            var psiABX = SpecialFunctions.DiGamma(a + b + x + shift);
            sums[1] += w * (SpecialFunctions.DiGamma(r + x) - psiR + logAlpha);
            sums[2] += w * r / alpha;
            sums[3] += w * (psiAB - psiABX);
            sums[4] += w * (psiAB + SpecialFunctions.DiGamma(b + x + shift) - psiB - psiABX);
            logDenominator[k] = Math.Log(b + x - 1 + shift);
        }
        var chunks = (rows.Count + ChunkRows - 1) / ChunkRows;
        var partial = new double[chunks, 5];
        var parameters = (r, alpha, a, b, Math.Log(a));
        if (chunks == 1)
        {
            SumRows(0, rows.Count, parameters, logDenominator, partial, 0);
        }
        else
        {
            Parallel.For(0, chunks, c => SumRows(c * ChunkRows, Math.Min(rows.Count, (c + 1) * ChunkRows), parameters, logDenominator, partial, c));
        }
        for (var c = 0; c < chunks; c++)
        {
            for (var j = 0; j < 5; j++)
            {
                sums[j] += partial[c, j];
            }
        }
        if (!gradient.IsEmpty)
        {
            for (var j = 0; j < 4; j++)
            {
                gradient[j] = sums[j + 1];
            }
        }
        return sums[0];
    }

    private void SumRows(int from, int to, (double R, double Alpha, double A, double B, double LogA) p, double[] logDenominator, double[,] partial, int chunk)
    {
        double total = 0, gr = 0, galpha = 0, ga = 0, gb = 0;
        for (var i = from; i < to; i++)
        {
            double x = rows.X[i], w = rows.Weight[i];
            var rx = p.R + x;
            var end = p.Alpha + rows.T[i];
            var logEnd = Math.Log(end);
            var alive = -rx * logEnd;
            if (x == 0 && !modified)
            {
                total += w * alive;
                gr -= w * logEnd;
                galpha -= w * p.R / end;
                continue;
            }
            var last = p.Alpha + rows.Tx[i];
            var logLast = Math.Log(last);
            var dead = p.LogA - logDenominator[rows.XIndex[i]] - rx * logLast;
            // log(e^alive + e^dead) and the share of the alive term, with one exp and one log1p.
            var gap = dead - alive;
            var e = Math.Exp(-Math.Abs(gap));
            var pAlive = gap < 0 ? 1 / (1 + e) : e / (1 + e);
            total += w * (Math.Max(alive, dead) + Math.Log(1 + e));
            var pDead = 1 - pAlive;
            gr -= w * (pAlive * logEnd + pDead * logLast);
            galpha -= w * rx * (pAlive / end + pDead / last);
            ga += w * pDead / p.A;
            gb -= w * pDead / (p.B + x - 1 + (modified ? 1 : 0));
        }
        partial[chunk, 0] = total;
        partial[chunk, 1] = gr;
        partial[chunk, 2] = galpha;
        partial[chunk, 3] = ga;
        partial[chunk, 4] = gb;
    }
}
