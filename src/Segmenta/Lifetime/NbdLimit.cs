using MathNet.Numerics;

namespace Segmenta.Lifetime;

/// <summary>
/// The no-dropout limit shared by the counting models, fitted directly: BG/NBD and MBG/NBD at a → 0 and Pareto/NBD at
/// s → 0 all reduce to the NBD (<see cref="NbdLikelihood"/>), whose other dropout parameter (b or β) then has no effect.
/// </summary>
/// <remarks>
/// <para>
/// On data where nobody is seen to stop buying the models' likelihoods rise towards this limit, and BFGS on the log
/// parameters walks log a or log s towards −∞ with a vanishing gradient: on the UCI calibration data that walk was
/// three quarters of <c>--model auto</c>'s time. The limit is instead recognised by the first-order (Karush-Kuhn-Tucker)
/// condition of a maximum on the face shape = 0 of the closed parameter space: at the NBD's maximum (r*, α*) the
/// likelihood may not rise when the shape leaves 0, whatever the other dropout parameter φ (b or β):
/// D(φ) = ∂LL/∂shape at shape = 0 must be ≤ 0 for every φ (<see cref="SteepestExit"/>).
/// </para>
/// <para>
/// BG/NBD (Fader, Hardie &amp; Lee 2005, equation 3): per customer
/// L = B(a, b+x)/B(a, b) · NBD(α+T) + [x &gt; 0] B(a+1, b+x−1)/B(a, b) · NBD(α+t_x), so at a = 0
/// ∂ log L/∂a = ψ(b) − ψ(b+x) + [x &gt; 0] ((α+T)/(α+t_x))^(r+x) / (b+x−1).
/// MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007) shifts x by one in the beta terms and keeps the second term at x = 0:
/// ψ(b) − ψ(b+x+1) + ((α+T)/(α+t_x))^(r+x) / (b+x).
/// Pareto/NBD (Fader &amp; Hardie 2005, "A note on deriving the Pareto/NBD model"): at s = 0,
/// ∂ log L/∂s = −ln(1 + T/β) + ∫ ((α+T)/(α+τ))^(r+x) / (β+τ) dτ over (t_x, T] (<see cref="ParetoSlope"/>; the verdict is
/// confirmed by the s-gradient of the validated <see cref="ParetoNbdTail.LogTail"/> at s = 10⁻¹²).
/// </para>
/// </remarks>
internal sealed partial class NbdLimit
{
    /// <summary>The s at which Pareto/NBD's s-gradient stands for its slope at s = 0 (the error is of order s).</summary>
    private const double ParetoShape = 1e-12;

    /// <summary>Largest |log φ| searched: the optimiser's range of a log parameter.</summary>
    private const double LogRange = 25;

    private readonly SummaryRows _rows;

    private NbdLimit(SummaryRows rows, MaximumLikelihoodFit fit)
    {
        _rows = rows;
        Fit = fit;
    }

    /// <summary>The NBD fit (r, α) on the rows.</summary>
    internal MaximumLikelihoodFit Fit { get; }

    internal double R => Fit.Theta[0];

    internal double Alpha => Fit.Theta[1];

    internal double LogLikelihood => Fit.LogLikelihood;

    /// <summary>True when the NBD fit is an interior maximum, so that its slopes can be trusted.</summary>
    internal bool Usable => Fit.Converged && !Fit.AtBoundary;

    /// <summary>Fits the NBD from the moment start r = 1, α = ΣT / Σx.</summary>
    internal static NbdLimit For(SummaryRows rows)
    {
        double purchases = 0, time = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            purchases += rows.Weight[i] * rows.X[i];
            time += rows.Weight[i] * rows.T[i];
        }
        var alpha = Math.Clamp(time / Math.Max(purchases, 1), 1e-3, 1e6);
        return new NbdLimit(rows, MaximumLikelihood.Fit(new NbdLikelihood(rows), rows.TotalWeight, [[1, alpha]]));
    }

    /// <summary>
    /// D(φ): the derivative of the model's total log-likelihood in its dropout shape (a, or s) at shape = 0, at the
    /// NBD's (r, α), with the other dropout parameter (b, or β) at <paramref name="phi"/>. +∞ when a term overflows.
    /// </summary>
    internal double Slope(CountingModelKind kind, double phi) =>
        kind == CountingModelKind.ParetoNbd ? ParetoSlope(phi) : BetaGeometricSlope(kind, DeadTerms(kind), phi);

    /// <summary>
    /// Pareto/NBD's slope from its validated likelihood code: the s-gradient of <see cref="ParetoNbdTail.LogTail"/> at
    /// s = 10⁻¹² (one likelihood evaluation; used to confirm the verdict of <see cref="ParetoSlope"/>).
    /// </summary>
    internal double ParetoSlopeByTail(double phi)
    {
        Span<double> gradient = stackalloc double[4];
        double sum = 0;
        for (var i = 0; i < _rows.Count; i++)
        {
            ParetoNbdTail.LogTail(R, Alpha, ParetoShape, phi, _rows.X[i], _rows.Tx[i], _rows.T[i], gradient);
            sum += _rows.Weight[i] * gradient[2];
        }
        return double.IsNaN(sum) ? double.PositiveInfinity : sum;
    }

    /// <summary>
    /// Pareto/NBD's slope at β = <paramref name="phi"/>, a few divisions per row: Σ w [−ln(1 + T/β) + J(β)] with
    /// J = ∫ R(τ)/(β+τ) dτ over (t_x, T], R(τ) = ((α+T)/(α+τ))^c, c = r + x. In v = ln((α+τ)/(α+t_x)) ∈ [0, V],
    /// R = R(t_x) e^(−cv) and dτ = (α+τ) dv, so J = R(t_x) [ln((β+T)/(β+t_x)) + K] with
    /// K = ∫ (e^(−cv) − 1)(α+τ)/(β+τ) dv: the log singularity of 1/(β+τ) is taken exactly. With a = α + t_x,
    /// b = β + t_x and m(v) = (e^(−cv) − 1) e^v / (e^v − 1) (smooth, m(0) = −c), the integrand is
    /// m − b m / (b + a(e^v − 1)) = m − b m(0) / (b + a(e^v − 1)) − b (m − m(0)) / (b + a(e^v − 1)): the first term is
    /// integrated once (it does not depend on β), the second in closed form, the third (bounded, small where its
    /// denominator is steep) by the same fixed Gauss-Legendre nodes on [0, min(V, 40/c)]; beyond 40/c, where
    /// e^(−cv) &lt; e^−40, K gains −ln((β+T)/(β+τ_K)) exactly. Checked against <see cref="ParetoSlopeByTail"/>.
    /// </summary>
    internal double ParetoSlope(double phi)
    {
        var terms = LazyInitializer.EnsureInitialized(ref _paretoTerms, () => new ParetoTerms(_rows, R, Alpha));
        double sum = 0;
        var order = ParetoTerms.Order;
        var difference = Alpha - phi;
        for (var i = 0; i < _rows.Count; i++)
        {
            double t = _rows.T[i], tx = _rows.Tx[i];
            var row = -LogMath.Log1P(t / phi);
            if (tx < t)
            {
                var b = phi + tx;
                var end = terms.End[i];
                // ∫ dv / (b + a(e^v − 1)) over [0, end] = ln(1 − (α − β)(e^−end − 1)/b) / (α − β).
                var closed = difference == 0 ? -LogMath.ExpM1(-end) / b : LogMath.Log1P(-difference * LogMath.ExpM1(-end) / b) / difference;
                var m0 = -(R + _rows.X[i]);
                var rest = terms.Smooth[i] - b * m0 * closed;
                rest -= b * NodeSum(terms.Weight.AsSpan(i * order, order), terms.Rise.AsSpan(i * order, order), b);
                if (terms.Cut[i] < t)
                {
                    rest -= Math.Log((phi + t) / (phi + terms.Cut[i]));
                }
                row += terms.Ratio[i] * (Math.Log((phi + t) / b) + rest);
            }
            sum += _rows.Weight[i] * row;
        }
        return double.IsNaN(sum) ? double.PositiveInfinity : sum;
    }

    private ParetoTerms? _paretoTerms;

    /// <summary>Σ weight_j / (b + rise_j) over a row's nodes, vectorised (the slope's inner loop, most of its time).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // Vector<T>: not ReadyToRun (decision 52)
    private static double NodeSum(ReadOnlySpan<double> weight, ReadOnlySpan<double> rise, double b)
    {
        var width = System.Numerics.Vector<double>.Count;
        var sum = System.Numerics.Vector<double>.Zero;
        var shift = new System.Numerics.Vector<double>(b);
        var j = 0;
        for (; j + width <= weight.Length; j += width)
        {
            sum += new System.Numerics.Vector<double>(weight[j..]) / (shift + new System.Numerics.Vector<double>(rise[j..]));
        }
        var total = System.Numerics.Vector.Sum(sum);
        for (; j < weight.Length; j++)
        {
            total += weight[j] / (b + rise[j]);
        }
        return total;
    }

    /// <summary>Per row, the β-independent parts of <see cref="ParetoSlope"/>.</summary>
    private sealed class ParetoTerms
    {
        internal const int Order = 24;

        private const double Decay = 40;

        internal ParetoTerms(SummaryRows rows, double r, double alpha)
        {
            var rule = new MathNet.Numerics.Integration.GaussLegendreRule(0, 1, Order);
            // The rule's properties return copies of its arrays: read once (session 9; read per node they were 90 % of this).
            double[] abscissas = rule.Abscissas, weights = rule.Weights;
            Ratio = new double[rows.Count];
            Cut = new double[rows.Count];
            End = new double[rows.Count];
            Smooth = new double[rows.Count];
            Rise = new double[rows.Count * Order];
            Weight = new double[rows.Count * Order];
            for (var i = 0; i < rows.Count; i++)
            {
                double c = r + rows.X[i], tx = rows.Tx[i], t = rows.T[i], a = alpha + tx;
                var v = Math.Log((alpha + t) / a);
                Ratio[i] = Math.Exp(c * v);
                var end = Math.Min(v, Decay / c);
                End[i] = end;
                Cut[i] = end < v ? a * Math.Exp(end) - alpha : t;
                for (var j = 0; j < Order; j++)
                {
                    var node = end * abscissas[j];
                    var weight = end * weights[j];
                    var m = LogMath.ExpM1(-c * node) * Math.Exp(node) / LogMath.ExpM1(node);
                    Smooth[i] += weight * m;
                    Rise[i * Order + j] = a * LogMath.ExpM1(node);
                    Weight[i * Order + j] = weight * (m + c);
                }
            }
        }

        /// <summary>R(t_x) = ((α+T)/(α+t_x))^(r+x).</summary>
        internal double[] Ratio { get; }

        /// <summary>τ_K, where e^(−cv) has fallen to e^−40 (T when it does not within the row).</summary>
        internal double[] Cut { get; }

        /// <summary>min(V, 40/c): the end of the quadrature in v.</summary>
        internal double[] End { get; }

        /// <summary>∫ m(v) dv over [0, End].</summary>
        internal double[] Smooth { get; }

        /// <summary>a (e^v − 1) at each node.</summary>
        internal double[] Rise { get; }

        /// <summary>The node's weight times m(v) − m(0).</summary>
        internal double[] Weight { get; }
    }

    private double BetaGeometricSlope(CountingModelKind kind, double[] dead, double phi)
    {
        var shift = kind == CountingModelKind.MbgNbd ? 1.0 : 0.0;
        var weights = _rows.WeightByX;
        var psi = SpecialFunctions.DiGamma(phi);
        double total = 0;
        var xs = _rows.DistinctX;
        for (var k = 0; k < xs.Length; k++)
        {
            if (xs[k] + shift == 0)
            {
                continue;
            }
            total += weights[k] * (psi - SpecialFunctions.DiGamma(phi + xs[k] + shift)) + dead[k] / (phi + xs[k] - 1 + shift);
        }
        return double.IsNaN(total) ? double.PositiveInfinity : total;
    }

    /// <summary>
    /// The largest slope D(φ) over log φ in [−25, 25] (a grid, then golden section around its best point), and where.
    /// The limit is a maximum of the model when this is at most zero (up to the gradient tolerance).
    /// </summary>
    /// <remarks>
    /// Pareto/NBD's slope costs a quadrature over every row: its verdict is first sought with a few dozen evaluations
    /// (<see cref="CertifiedParetoMaximum"/>, session 9), and only when that proves nothing is the grid searched.
    /// </remarks>
    internal (double Phi, double Slope) SteepestExit(CountingModelKind kind) =>
        kind == CountingModelKind.ParetoNbd && CertifiedParetoMaximum() is { } certified ? certified : SteepestExitOnGrid(kind);

    /// <summary>The largest slope D(φ) on a grid of step 0.25 over log φ in [−25, 25], refined by golden section (until session 8 the only search).</summary>
    internal (double Phi, double Slope) SteepestExitOnGrid(CountingModelKind kind)
    {
        const double step = 0.25;
        const int refinements = 30;
        var dead = kind == CountingModelKind.ParetoNbd ? [] : DeadTerms(kind);
        double Slope(double u) => kind == CountingModelKind.ParetoNbd ? ParetoSlope(Math.Exp(u)) : BetaGeometricSlope(kind, dead, Math.Exp(u));
        double bestU = -LogRange, bestSlope = double.NegativeInfinity;
        for (var u = -LogRange; u <= LogRange + 1e-9; u += step)
        {
            var slope = Slope(u);
            if (slope > bestSlope)
            {
                (bestU, bestSlope) = (u, slope);
            }
            if (double.IsPositiveInfinity(slope))
            {
                return (Math.Exp(u), slope);
            }
        }
        // Golden section on the two grid cells around the best point (the slope is smooth in log φ).
        double low = Math.Max(-LogRange, bestU - step), high = Math.Min(LogRange, bestU + step);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double u1 = high - ratio * (high - low), u2 = low + ratio * (high - low);
        double f1 = Slope(u1), f2 = Slope(u2);
        for (var i = 0; i < refinements; i++)
        {
            if (f1 > f2)
            {
                (high, u2, f2) = (u2, u1, f1);
                u1 = high - ratio * (high - low);
                f1 = Slope(u1);
            }
            else
            {
                (low, u1, f1) = (u1, u2, f2);
                u2 = low + ratio * (high - low);
                f2 = Slope(u2);
            }
        }
        foreach (var (u, f) in new[] { (u1, f1), (u2, f2) })
        {
            if (f > bestSlope)
            {
                (bestU, bestSlope) = (u, f);
            }
        }
        if (kind == CountingModelKind.ParetoNbd && bestSlope <= 0)
        {
            // The verdict rests on the validated likelihood code at the steepest point found.
            bestSlope = Math.Max(bestSlope, ParetoSlopeByTail(Math.Exp(bestU)));
        }
        return (Math.Exp(bestU), bestSlope);
    }

    /// <summary>The largest slope out of the limit still taken as zero: the gradient tolerance per customer, times the customers.</summary>
    internal static double FaceTolerance(SummaryRows rows) => MaximumLikelihood.GradientTolerance * rows.TotalWeight;

    /// <summary>
    /// Per distinct x: Σ w ((α+T)/(α+t_x))^(r+x) over the customers whose dropout term exists
    /// (x &gt; 0 for BG/NBD, all for MBG/NBD).
    /// </summary>
    private double[] DeadTerms(CountingModelKind kind)
    {
        var dead = new double[_rows.DistinctX.Length];
        for (var i = 0; i < _rows.Count; i++)
        {
            if (_rows.X[i] == 0 && kind == CountingModelKind.BgNbd)
            {
                continue;
            }
            var rx = R + _rows.X[i];
            dead[_rows.XIndex[i]] += _rows.Weight[i] * Math.Exp(rx * (Math.Log(Alpha + _rows.T[i]) - Math.Log(Alpha + _rows.Tx[i])));
        }
        return dead;
    }
}
