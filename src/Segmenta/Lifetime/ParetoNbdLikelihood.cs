using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// The Pareto/NBD log-likelihood summed over weighted rows, with its analytic gradient. The likelihood (Fader &amp;
/// Hardie 2005, "A note on deriving the Pareto/NBD model") is head × (alive term + s/(r+s+x) · A0), where A0 is a
/// difference of two 2F1 terms; the 2F1 derivatives in its parameters and argument come from the same series pass
/// (<see cref="Hypergeometric.LogAPlusOne"/>), so a gradient costs about one evaluation.
/// </summary>
internal sealed class ParetoNbdLikelihood(SummaryRows rows) : ILikelihood
{
    public int Dimension => 4;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = theta[0], alpha = theta[1], s = theta[2], beta = theta[3];
        if (gradient.IsEmpty)
        {
            var model = new ParetoNbdModel(r, alpha, s, beta);
            double sum = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                sum += rows.Weight[i] * model.LogLikelihood(rows.X[i], rows.Tx[i], rows.T[i]);
            }
            return sum;
        }
        ModelChecks.Positive(r, nameof(r));
        ModelChecks.Positive(alpha, nameof(alpha));
        ModelChecks.Positive(s, nameof(s));
        ModelChecks.Positive(beta, nameof(beta));
        gradient.Clear();
        double total = 0;
        var digammaR = SpecialFunctions.DiGamma(r);
        var gammaLnR = SpecialFunctions.GammaLn(r);
        Span<double> row = stackalloc double[4];
        for (var i = 0; i < rows.Count; i++)
        {
            double x = rows.X[i], w = rows.Weight[i];
            var value = Row(r, alpha, s, beta, x, rows.Tx[i], rows.T[i], row);
            // The head Γ(r+x)/Γ(r) α^r β^s and its derivatives.
            value += SpecialFunctions.GammaLn(r + x) - gammaLnR + r * Math.Log(alpha) + s * Math.Log(beta);
            row[0] += SpecialFunctions.DiGamma(r + x) - digammaR + Math.Log(alpha);
            row[1] += r / alpha;
            row[2] += Math.Log(beta);
            row[3] += s / beta;
            total += w * value;
            for (var j = 0; j < 4; j++)
            {
                gradient[j] += w * row[j];
            }
        }
        return total;
    }

    /// <summary>log(alive term + s/(r+s+x) · A0) for one row, its gradient in (r, α, s, β) written to <paramref name="gradient"/>.</summary>
    private static double Row(double r, double alpha, double s, double beta, double x, double tx, double t, Span<double> gradient)
    {
        var rsx = r + s + x;
        // Alive at T: (α+T)^-(r+x) (β+T)^-s.
        var alive = -(r + x) * Math.Log(alpha + t) - s * Math.Log(beta + t);
        Span<double> dAlive = [-Math.Log(alpha + t), -(r + x) / (alpha + t), -Math.Log(beta + t), -s / (beta + t)];
        Span<double> atLast = stackalloc double[4];
        Span<double> atEnd = stackalloc double[4];
        var logLast = LogF(r, alpha, s, beta, x, tx, atLast);
        var logEnd = LogF(r, alpha, s, beta, x, t, atEnd);
        var logA0 = LogMath.SubtractExp(logLast, logEnd);
        if (double.IsNegativeInfinity(logA0))
        {
            dAlive.CopyTo(gradient);
            return alive;
        }
        var died = Math.Log(s) - Math.Log(rsx) + logA0;
        var tail = LogMath.AddExp(alive, died);
        double pAlive = Math.Exp(alive - tail), pDied = Math.Exp(died - tail);
        double wLast = Math.Exp(logLast - logA0), wEnd = Math.Exp(logEnd - logA0);
        for (var j = 0; j < 4; j++)
        {
            var dDied = wLast * atLast[j] - wEnd * atEnd[j];
            if (j == 0)
            {
                dDied -= 1 / rsx;
            }
            else if (j == 2)
            {
                dDied += 1 / s - 1 / rsx;
            }
            gradient[j] = pAlive * dAlive[j] + pDied * dDied;
        }
        return tail;
    }

    /// <summary>
    /// log F(y) = log 2F1(r+s+x, b; r+s+x+1; z) − (r+s+x) log(L + y) with L the larger scale (z = |α−β|/(L+y) &lt; 1):
    /// b = s + 1 when α ≥ β, else r + x. Its gradient in (r, α, s, β) is written to <paramref name="gradient"/>.
    /// </summary>
    private static double LogF(double r, double alpha, double s, double beta, double x, double y, Span<double> gradient)
    {
        var rsx = r + s + x;
        var alphaLarger = alpha >= beta;
        var larger = alphaLarger ? alpha : beta;
        var scale = larger + y;
        var z = Math.Abs(alpha - beta) / scale;
        var (logValue, da, db, dz) = Hypergeometric.LogAPlusOne(rsx, alphaLarger ? s + 1 : r + x, z);
        // d/d(r) and d/d(s) move a (and c = a + 1 with it); b follows s (α ≥ β) or r (α < β).
        var shape = da - Math.Log(scale);
        gradient[0] = shape + (alphaLarger ? 0 : db);
        gradient[2] = shape + (alphaLarger ? db : 0);
        // z = (L − other)/(L + y): dz/dL = (other + y)/(L + y)², dz/dother = −1/(L + y); the prefactor adds −rsx/(L + y) in L.
        var other = alphaLarger ? beta : alpha;
        var dLarger = dz * (other + y) / (scale * scale) - rsx / scale;
        var dOther = -dz / scale;
        gradient[1] = alphaLarger ? dLarger : dOther;
        gradient[3] = alphaLarger ? dOther : dLarger;
        return logValue - rsx * Math.Log(scale);
    }
}
