using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// The Pareto/NBD log-likelihood summed over weighted rows, with its analytic gradient: Γ(r+x)/Γ(r) α⁻ˣ (alive + died)
/// per row (<see cref="ParetoNbdTail"/>, bounded in time whatever the parameters); the gamma terms once per distinct x.
/// </summary>
internal sealed class ParetoNbdLikelihood(SummaryRows rows) : ILikelihood
{
    /// <summary>Above this s the dropout rates' coefficient of variation 1/√s is below 1 %: every customer drops out at s/β.</summary>
    internal const double CommonDropoutShape = 1e4;

    public int Dimension => 4;

    /// <summary>
    /// The dropout shape s at 0 (nobody drops out: the NBD), or s and β → ∞ together (one exponential dropout rate s/β
    /// for all; only their ratio is identified). A fit on data without dropout can reach the supremum along either.
    /// </summary>
    public bool AtBoundary(ReadOnlySpan<double> theta) =>
        theta[0] < MaximumLikelihood.BoundaryValue || theta[1] < MaximumLikelihood.BoundaryValue
        || theta[2] < MaximumLikelihood.BoundaryValue || theta[2] > CommonDropoutShape;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = theta[0], alpha = theta[1], s = theta[2], beta = theta[3];
        ModelChecks.Positive(r, nameof(r));
        ModelChecks.Positive(alpha, nameof(alpha));
        ModelChecks.Positive(s, nameof(s));
        ModelChecks.Positive(beta, nameof(beta));
        var wantGradient = !gradient.IsEmpty;
        if (wantGradient)
        {
            gradient.Clear();
        }
        // Γ(r+x)/Γ(r) α⁻ˣ depends on x only.
        var logAlpha = Math.Log(alpha);
        double total = 0, gammaLnR = SpecialFunctions.GammaLn(r), digammaR = wantGradient ? SpecialFunctions.DiGamma(r) : 0;
        var xs = rows.DistinctX;
        for (var k = 0; k < xs.Length; k++)
        {
            var w = rows.WeightByX[k];
            total += w * (SpecialFunctions.GammaLn(r + xs[k]) - gammaLnR - xs[k] * logAlpha);
            if (wantGradient)
            {
                gradient[0] += w * (SpecialFunctions.DiGamma(r + xs[k]) - digammaR);
                gradient[1] -= w * xs[k] / alpha;
            }
        }
        Span<double> row = stackalloc double[4];
        for (var i = 0; i < rows.Count; i++)
        {
            var w = rows.Weight[i];
            total += w * ParetoNbdTail.LogTail(r, alpha, s, beta, rows.X[i], rows.Tx[i], rows.T[i], wantGradient ? row : []);
            if (wantGradient)
            {
                for (var j = 0; j < 4; j++)
                {
                    gradient[j] += w * row[j];
                }
            }
        }
        return total;
    }
}
