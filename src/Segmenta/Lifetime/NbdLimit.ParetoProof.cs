namespace Segmenta.Lifetime;

/// <summary>
/// Pareto/NBD's no-dropout check proved cell by cell (session 9): a few dozen evaluations of the slope instead of the
/// full grid of <see cref="SteepestExitOnGrid"/>, which still decides when nothing is proved.
/// </summary>
internal sealed partial class NbdLimit
{
    /// <summary>
    /// Proves with few evaluations that Pareto/NBD's slope D(β) stays below half the face tolerance over the whole range of
    /// u = log β, or gives up (null; <see cref="SteepestExit"/> then runs its full grid, as before session 9). Per row
    /// D = ∫ g(τ)/(β+τ) dτ over [0, T] with g = −1 before t_x and R(τ) − 1 ≥ 0 after it (−ln(1 + T/β) = −∫ dτ/(β+τ)):
    /// a Stieltjes transform, D = P − N with N = Σ w ln(1 + t_x/β) (the part of g below 0) and P = D + N (above 0). Two
    /// bounds on a cell [u₁, u₂] of width h, whichever is lower:
    /// - P and N both fall as u grows (the kernel 1/(e^u + τ) does), so D ≤ P(u₁) − N(u₂) on the cell;
    /// - in u the kernel k has |∂²k/∂u²| = β|β − τ|/(β+τ)³ ≤ k, so |D''| ≤ A(β) = P + N, which falls as β grows: D is at
    ///   most its linear interpolation plus A(e^u₁) (u − u₁)(u₂ − u)/2, whose maximum has a closed form.
    /// Cells of width 1 are halved until every bound is below the threshold (proved: the old grid, whose points are
    /// values of D, could only have said the same), or a value above it is met, or a cell is narrower than 1/64 (not
    /// proved: the full grid decides). The half tolerance leaves room for rounding in D, P and N.
    /// </summary>
    private (double Phi, double Slope)? CertifiedParetoMaximum()
    {
        const double width = 1, narrowest = 1.0 / 64;
        var threshold = FaceTolerance(_rows) / 2;
        (double D, double N) At(double u) => ParetoSlopeParts(Math.Exp(u));
        double bestU = -LogRange, bestSlope = double.NegativeInfinity;
        var cells = new Stack<(double U1, double U2, (double D, double N) Left, (double D, double N) Right)>();
        var cellCount = (int)Math.Round(2 * LogRange / width);
        var previous = At(-LogRange);
        for (var k = 1; k <= cellCount; k++)
        {
            var u = -LogRange + k * width;
            var next = At(u);
            cells.Push((u - width, u, previous, next));
            previous = next;
        }
        while (cells.Count > 0)
        {
            var (u1, u2, left, right) = cells.Pop();
            foreach (var (u, d) in new[] { (u1, left.D), (u2, right.D) })
            {
                if (!(d <= threshold))
                {
                    return null;
                }
                if (d > bestSlope)
                {
                    (bestU, bestSlope) = (u, d);
                }
            }
            if (CellBound(u2 - u1, left, right) <= threshold)
            {
                continue;
            }
            if ((u2 - u1) / 2 < narrowest)
            {
                return null;
            }
            var middle = (u1 + u2) / 2;
            var m = At(middle);
            cells.Push((middle, u2, m, right));
            cells.Push((u1, middle, left, m));
        }
        if (bestSlope <= 0)
        {
            // As in the full grid: the verdict rests on the validated likelihood code at the steepest point found.
            bestSlope = Math.Max(bestSlope, ParetoSlopeByTail(Math.Exp(bestU)));
        }
        return (Math.Exp(bestU), bestSlope);
    }

    /// <summary>Pareto/NBD's slope D at β = <paramref name="beta"/> and its falling negative part N = Σ w ln(1 + t_x/β).</summary>
    internal (double D, double N) ParetoSlopeParts(double beta)
    {
        double below = 0;
        for (var i = 0; i < _rows.Count; i++)
        {
            below += _rows.Weight[i] * LogMath.Log1P(_rows.Tx[i] / beta);
        }
        return (ParetoSlope(beta), below);
    }

    /// <summary>
    /// An upper bound on Pareto/NBD's slope over a cell of width <paramref name="h"/> in log β from its ends' D and N
    /// (<see cref="CertifiedParetoMaximum"/>); +∞ when a value is not finite.
    /// </summary>
    internal static double CellBound(double h, (double D, double N) left, (double D, double N) right)
    {
        var monotone = left.D + left.N - right.N;
        // Linear interpolation plus (A/2) t (h − t), A = P + N = D + 2N at the left end; its maximum over t in [0, h].
        var curvature = left.D + 2 * left.N;
        var rise = (right.D - left.D) / h;
        var t = curvature > 0 ? Math.Clamp(h / 2 + rise / curvature, 0, h) : rise > 0 ? h : 0;
        var interpolated = left.D + rise * t + curvature * t * (h - t) / 2;
        var bound = Math.Min(monotone, interpolated);
        return double.IsNaN(bound) ? double.PositiveInfinity : bound;
    }
}
