using MathNet.Numerics.Integration;

namespace Segmenta.Lifetime;

/// <summary>
/// The part of the Pareto/NBD likelihood that is not a gamma function: log(alive + died) for one customer, with its
/// gradient in (r, α, s, β), in a bounded number of operations whatever the parameters.
/// </summary>
/// <remarks>
/// <para>
/// Given the rates, a customer with x repeat purchases, the last at t_x, observed until T, has likelihood
/// λˣ e^−(λ+μ)T (alive at T) + λˣ μ ∫ e^−(λ+μ)τ dτ over (t_x, T] (died in between). Integrated over λ ~ gamma(r, α) and
/// μ ~ gamma(s, β) (Fader &amp; Hardie 2005, "A note on deriving the Pareto/NBD model") it is
/// Γ(r+x)/Γ(r) α⁻ˣ × [alive + died] with
/// alive = (1 + T/α)^−(r+x) (1 + T/β)^−s and died = s/β ∫ (1 + τ/α)^−(r+x) (1 + τ/β)^−(s+1) dτ over (t_x, T].
/// Writing the scales as ratios (1 + τ/β) instead of α^r β^s (β+τ)^−s keeps the value exact where s and β are large
/// together (a common dropout rate s/β): s·log β and s·log(β + T) would otherwise cancel to a few digits.
/// </para>
/// <para>
/// The integral is F(t_x) − F(T) with F a 2F1(r+s+x, ·; r+s+x+1; z) term, z = |α − β| / (max(α, β) + t_x). Its series
/// (<see cref="Hypergeometric.LogAPlusOne"/>) needs about 1/(1 − z) terms: thousands to millions when one scale is far
/// larger than the other (β → ∞ with s/β fixed is where a fit on data without dropout wanders, 10–30 s per
/// evaluation before). So the series is used only up to z = <see cref="SeriesLimit"/> (at most a few hundred terms);
/// above it the integral itself is taken by Gauss-Legendre quadrature in v = log(1 + τ/m), m the smaller scale. In v
/// the integrand is log-concave (one factor is e^−(r+x−1)v or e^−sv, the other a negated log-sum-exp), its maximum has
/// a closed form, and the interval is cut where the integrand has fallen by e^−40 (Newton from outside, which never
/// overshoots on a concave function), so a fixed <see cref="QuadratureOrder"/> nodes give 1e-13 relative accuracy from
/// t_x = 0 with α = 1e-5 to s = β = 1e9 (checked against mpmath: pareto_nbd_reference.py). The gradient is the same
/// quadrature of the integrand's derivatives.
/// </para>
/// </remarks>
internal static class ParetoNbdTail
{
    /// <summary>Above this z at t_x the integral is taken by quadrature instead of the 2F1 series.</summary>
    internal const double SeriesLimit = 0.8;

    internal const int QuadratureOrder = 48;

    /// <summary>The integrand's cut-off, in log units below its maximum.</summary>
    internal const double CutOff = 40;

    internal const int NewtonSteps = 30;

    private static readonly double[] Nodes;
    private static readonly double[] Weights;

    static ParetoNbdTail()
    {
        var rule = new GaussLegendreRule(-1, 1, QuadratureOrder);
        Nodes = rule.Abscissas;
        Weights = rule.Weights;
    }

    /// <summary>log of the alive term (1 + T/α)^−(r+x) (1 + T/β)^−s.</summary>
    internal static double LogAlive(double r, double alpha, double s, double beta, double x, double t) =>
        -(r + x) * LogMath.Log1P(t / alpha) - s * LogMath.Log1P(t / beta);

    /// <summary>log(alive + died); its gradient in (r, α, s, β) is written to <paramref name="gradient"/> unless it is empty.</summary>
    internal static double LogTail(double r, double alpha, double s, double beta, double x, double tx, double t, Span<double> gradient)
    {
        var alive = LogAlive(r, alpha, s, beta, x, t);
        Span<double> dDied = stackalloc double[4];
        var died = LogDied(r, alpha, s, beta, x, tx, t, gradient.IsEmpty ? [] : dDied);
        var tail = LogMath.AddExp(alive, died);
        if (gradient.IsEmpty)
        {
            return tail;
        }
        double aliveR = -LogMath.Log1P(t / alpha), aliveAlpha = (r + x) * t / (alpha * (alpha + t));
        double aliveS = -LogMath.Log1P(t / beta), aliveBeta = s * t / (beta * (beta + t));
        if (double.IsNegativeInfinity(died))
        {
            gradient[0] = aliveR;
            gradient[1] = aliveAlpha;
            gradient[2] = aliveS;
            gradient[3] = aliveBeta;
            return tail;
        }
        double pAlive = Math.Exp(alive - tail), pDied = Math.Exp(died - tail);
        gradient[0] = pAlive * aliveR + pDied * dDied[0];
        gradient[1] = pAlive * aliveAlpha + pDied * dDied[1];
        gradient[2] = pAlive * aliveS + pDied * dDied[2];
        gradient[3] = pAlive * aliveBeta + pDied * dDied[3];
        return tail;
    }

    /// <summary>log of the died term s/β ∫ (1 + τ/α)^−(r+x) (1 + τ/β)^−(s+1) dτ over (t_x, T]; −∞ when t_x = T.</summary>
    internal static double LogDied(double r, double alpha, double s, double beta, double x, double tx, double t, Span<double> gradient)
    {
        if (!(tx < t))
        {
            return double.NegativeInfinity;
        }
        var z = Math.Abs(alpha - beta) / (Math.Max(alpha, beta) + tx);
        return z <= SeriesLimit
            ? BySeries(r, alpha, s, beta, x, tx, t, gradient)
            : ByQuadrature(r, alpha, s, beta, x, tx, t, gradient);
    }

    /// <summary>log s − log(r+s+x) + log(F̂(t_x) − F̂(T)), F̂ the 2F1 term times α^(r+x) β^s.</summary>
    private static double BySeries(double r, double alpha, double s, double beta, double x, double tx, double t, Span<double> gradient)
    {
        var rsx = r + s + x;
        Span<double> atLast = stackalloc double[4];
        Span<double> atEnd = stackalloc double[4];
        var logLast = LogF(r, alpha, s, beta, x, tx, atLast);
        var logEnd = LogF(r, alpha, s, beta, x, t, atEnd);
        var difference = LogMath.SubtractExp(logLast, logEnd);
        if (double.IsNegativeInfinity(difference))
        {
            return difference;
        }
        if (!gradient.IsEmpty)
        {
            double wLast = Math.Exp(logLast - difference), wEnd = Math.Exp(logEnd - difference);
            for (var j = 0; j < 4; j++)
            {
                gradient[j] = wLast * atLast[j] - wEnd * atEnd[j];
            }
            gradient[0] -= 1 / rsx;
            gradient[2] += 1 / s - 1 / rsx;
        }
        return Math.Log(s) - Math.Log(rsx) + difference;
    }

    /// <summary>
    /// log F̂(y) = log 2F1(r+s+x, b; r+s+x+1; z) − (r+s+x) log(L + y) + (r+x) log α + s log β, L the larger scale,
    /// z = |α − β| / (L + y), b = s + 1 when α ≥ β, else r + x; the logs of scale ratios are taken as log1p.
    /// </summary>
    private static double LogF(double r, double alpha, double s, double beta, double x, double y, Span<double> gradient)
    {
        var rsx = r + s + x;
        var alphaLarger = alpha >= beta;
        var (larger, other) = alphaLarger ? (alpha, beta) : (beta, alpha);
        var scale = larger + y;
        var z = (larger - other) / scale;
        var (logValue, da, db, dz) = Hypergeometric.LogAPlusOne(rsx, alphaLarger ? s + 1 : r + x, z);
        // log((L + y)/α) and log((L + y)/β), one of them log1p(y/L), the other log1p((L − m + y)/m).
        var overLarger = LogMath.Log1P(y / larger);
        var overOther = LogMath.Log1P((larger - other + y) / other);
        var (overAlpha, overBeta) = alphaLarger ? (overLarger, overOther) : (overOther, overLarger);
        if (!gradient.IsEmpty)
        {
            // d/dr and d/ds move a (and c = a + 1 with it); b follows s (α ≥ β) or r (α < β).
            gradient[0] = da - overAlpha + (alphaLarger ? 0 : db);
            gradient[2] = da - overBeta + (alphaLarger ? db : 0);
            // z = (L − m)/(L + y): dz/dL = (m + y)/(L + y)², dz/dm = −1/(L + y); the prefactor adds −rsx/(L + y) in L.
            var dLarger = dz * (other + y) / (scale * scale) - rsx / scale;
            var dOther = -dz / scale;
            gradient[1] = (alphaLarger ? dLarger : dOther) + (r + x) / alpha;
            gradient[3] = (alphaLarger ? dOther : dLarger) + s / beta;
        }
        return logValue - (r + x) * overAlpha - s * overBeta;
    }

    /// <summary>log s/β + log ∫ (1 + τ/α)^−(r+x) (1 + τ/β)^−(s+1) dτ over (t_x, T], by Gauss-Legendre in v = log(1 + τ/m).</summary>
    private static double ByQuadrature(double r, double alpha, double s, double beta, double x, double tx, double t, Span<double> gradient)
    {
        double p = r + x, q = s + 1;
        var alphaSmaller = alpha <= beta;
        // The smaller scale m's factor is e^−(its exponent)·v; the larger scale's is (1 + τ/L)^−(its exponent).
        var (m, large, expM, expL) = alphaSmaller ? (alpha, beta, p, q) : (beta, alpha, q, p);
        double v0 = LogMath.Log1P(tx / m), v1 = LogMath.Log1P(t / m);
        // ψ(v) = log of the integrand in v (with the Jacobian dτ/dv = m e^v, its log m added at the end), concave;
        // ψ'(v) = 1 − expM − expL·m e^v/(L − m + m e^v).
        double Psi(double v) => (1 - expM) * v - expL * LogMath.Log1P(m * LogMath.ExpM1(v) / large);
        double Slope(double v)
        {
            var e = m * Math.Exp(v);
            return 1 - expM - expL * e / (large - m + e);
        }
        var peak = v0;
        if (expM < 1 && large > m)
        {
            // ψ' = 0 at m e^v = (1 − expM)(L − m)/(r + s + x).
            peak = Math.Clamp(Math.Log((1 - expM) * (large - m) / (m * (r + s + x))), v0, v1);
        }
        var top = Psi(peak);
        var target = top - CutOff;
        // Newton from each end towards the cut-off point: on a concave function it stays outside, so nothing is lost.
        var upper = v1;
        for (var (step, value) = (0, Psi(upper)); step < NewtonSteps && value < target - 1; step++, value = Psi(upper))
        {
            upper = Math.Clamp(upper - (value - target) / Slope(upper), peak, upper);
        }
        var lower = v0;
        for (var (step, value) = (0, Psi(lower)); step < NewtonSteps && value < target - 1; step++, value = Psi(lower))
        {
            lower = Math.Clamp(lower - (value - target) / Slope(lower), lower, peak);
        }
        double half = (upper - lower) / 2, middle = (upper + lower) / 2;
        double sum = 0, dR = 0, dAlpha = 0, dS = 0, dBeta = 0;
        var wantGradient = !gradient.IsEmpty;
        for (var i = 0; i < QuadratureOrder; i++)
        {
            var v = middle + half * Nodes[i];
            var tau = m * LogMath.ExpM1(v);
            var overLarge = LogMath.Log1P(tau / large);
            var weight = Weights[i] * Math.Exp((1 - expM) * v - expL * overLarge - top);
            sum += weight;
            if (wantGradient)
            {
                var (overAlpha, overBeta) = alphaSmaller ? (v, overLarge) : (overLarge, v);
                dR -= weight * overAlpha;
                dAlpha += weight * p * tau / (alpha * (alpha + tau));
                dS -= weight * overBeta;
                dBeta += weight * q * tau / (beta * (beta + tau));
            }
        }
        if (!(sum > 0))
        {
            return double.NegativeInfinity;
        }
        if (wantGradient)
        {
            gradient[0] = dR / sum;
            gradient[1] = dAlpha / sum;
            gradient[2] = dS / sum + 1 / s;
            gradient[3] = dBeta / sum - 1 / beta;
        }
        return Math.Log(s) - Math.Log(beta) + Math.Log(m) + top + Math.Log(half * sum);
    }
}
