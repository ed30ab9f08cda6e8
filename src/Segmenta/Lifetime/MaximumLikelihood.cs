using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Segmenta.Lifetime;

/// <summary>
/// Maximises a log-likelihood over positive parameters: BFGS on the log parameters (positivity for free) from several
/// starts, with Nelder-Mead as a fallback when a line search fails, then checks the result: a small gradient and a
/// positive definite Hessian, whose inverse gives the standard errors.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>Largest gradient of the mean log-likelihood per customer (in log parameters) accepted as a maximum.</summary>
    internal const double GradientTolerance = 1e-6;

    private const double LogBound = 25;

    /// <summary>A parameter below this at a flat maximum is taken as the boundary value 0.</summary>
    internal const double BoundaryValue = 1e-4;

    /// <param name="likelihood">The log-likelihood to maximise.</param>
    /// <param name="customers">The total weight of its rows (the objective is the mean per customer).</param>
    /// <param name="starts">Starting points, in natural parameters.</param>
    /// <param name="absorbed">
    /// Optional: true at a point (log parameters, mean negative log-likelihood) from which the start is known to end at a
    /// limit that was fitted directly (<see cref="NbdLimit"/>) and verified to be a maximum; such a start stops there, is
    /// counted in <see cref="MaximumLikelihoodFit.AbsorbedStarts"/>, and the remaining starts are not run.
    /// </param>
    /// <param name="scaledFirstStep">
    /// Use <see cref="ScaledBfgsMinimizer"/> (a first step of one unit in log parameters instead of MathNet's tiny one):
    /// fewer evaluations for an expensive likelihood. Off by default, so that the other models' fits stay as they were.
    /// </param>
    internal static MaximumLikelihoodFit Fit(ILikelihood likelihood, double customers, IReadOnlyList<double[]> starts,
        Func<Vector<double>, double, bool>? absorbed = null, bool scaledFirstStep = false)
    {
        var n = likelihood.Dimension;
        // The best point BFGS has evaluated: when its line search fails there (typically a maximum on the boundary, a
        // shape parameter running to 0 where the log-parameter gradient vanishes), that point is kept instead of
        // starting again from scratch.
        var best = new BestPoint();
        var objective = ObjectiveFunction.Gradient(u =>
        {
            var evaluated = best.Track(u, Objective(likelihood, u, customers));
            return absorbed is not null && double.IsFinite(evaluated.Item1) && absorbed(u, evaluated.Item1)
                ? throw new AbsorbedException()
                : evaluated;
        });
        var valueOnly = ObjectiveFunction.Value(u => Value(likelihood, u, customers));
        // A gradient taken by differences is noisy near 1e-10; asking BFGS for more makes its line search fail.
        var tolerance = likelihood.HasAnalyticGradient ? 1e-10 : 1e-8;
        var candidates = new List<(double[] LogTheta, int Iterations)>();
        var failures = new List<string>();
        var absorbedStarts = 0;
        var tried = 0;
        foreach (var start in starts)
        {
            var u0 = Vector<double>.Build.DenseOfEnumerable(start.Select(v => Math.Log(v)));
            best.Reset();
            tried++;
            try
            {
                FitFrom(u0);
            }
            catch (Exception e) when (IsAbsorbed(e))
            {
                // The start reached a limit already verified to be a maximum; the other starts (random perturbations of the
                // same moment start) would walk there too, at the cost of a whole fit each: they are not run.
                absorbedStarts++;
                break;
            }
        }

        MinimizationResult Minimize(Vector<double> u0) => scaledFirstStep
            ? new ScaledBfgsMinimizer(tolerance, 1e-12, 1e-15, 2000).FindMinimum(objective, u0)
            : new BfgsMinimizer(tolerance, 1e-12, 1e-15, 2000).FindMinimum(objective, u0);

        void FitFrom(Vector<double> u0)
        {
            var start = u0.Select(Math.Exp).ToArray();
            try
            {
                var result = Minimize(u0);
                candidates.Add((result.MinimizingPoint.ToArray(), result.Iterations));
            }
            catch (Exception e) when (IsNumericFailure(e) && !IsAbsorbed(e))
            {
                if (best.Point is { } reached && best.Gradient!.AbsoluteMaximum() <= GradientTolerance)
                {
                    candidates.Add((reached.ToArray(), best.Evaluations));
                    return;
                }
                // A line search that cannot progress away from a maximum: Nelder-Mead needs no gradient, then BFGS polishes
                // its answer. It starts from the best point BFGS reached.
                try
                {
                    var simplex = NelderMeadSimplex.Minimum(valueOnly, best.Point ?? u0, 1e-10, 5_000);
                    var point = simplex.MinimizingPoint;
                    var iterations = simplex.Iterations;
                    try
                    {
                        var polished = Minimize(point);
                        point = polished.MinimizingPoint;
                        iterations += polished.Iterations;
                    }
                    catch (Exception again) when (IsNumericFailure(again) && !IsAbsorbed(again))
                    {
                        failures.Add($"BFGS after Nelder-Mead: {again.Message}");
                    }
                    candidates.Add((point.ToArray(), iterations));
                }
                catch (Exception inner) when (IsNumericFailure(inner) && !IsAbsorbed(inner))
                {
                    failures.Add($"start ({string.Join(", ", start)}): {inner.Message}");
                }
            }
        }
        if (candidates.Count == 0)
        {
            return MaximumLikelihoodFit.Failed(n, tried, absorbedStarts == tried
                ? "Every start reached the limit that was fitted directly."
                : $"No start reached a maximum: {string.Join("; ", failures)}") with { AbsorbedStarts = absorbedStarts };
        }
        var scored = candidates
            .Select(c => (c.LogTheta, c.Iterations, Value: Objective(likelihood, Vector<double>.Build.DenseOfArray(c.LogTheta), customers)))
            .Where(c => double.IsFinite(c.Value.Item1))
            .OrderBy(c => c.Value.Item1)
            .ToList();
        if (scored.Count == 0)
        {
            return MaximumLikelihoodFit.Failed(n, starts.Count, "Every start ended where the likelihood is not finite.");
        }
        var top = scored[0];
        var agreeing = scored.Count(c => Math.Abs(c.Value.Item1 - top.Value.Item1) <= 1e-7 * Math.Max(1, Math.Abs(top.Value.Item1)));
        var theta = top.LogTheta.Select(Math.Exp).ToArray();
        var gradientNorm = top.Value.Item2.AbsoluteMaximum();
        var logLikelihood = -top.Value.Item1 * customers;
        var (errors, hessianMessage) = StandardErrors(likelihood, top.LogTheta);
        var standardErrors = errors;
        var messages = new List<string>();
        if (gradientNorm > GradientTolerance)
        {
            messages.Add($"gradient {gradientNorm:g3} above {GradientTolerance:g1} at the best point");
        }
        // A maximum on the boundary: the gradient vanishes while a shape parameter runs to 0 (the Hessian is then near singular).
        // The likelihood's supremum is the limiting model (for a dropout shape → 0: nobody drops out), which is used with a note.
        var boundary = gradientNorm <= GradientTolerance && likelihood.AtBoundary(theta);
        if (boundary)
        {
            // Standard errors from the curvature at a boundary point are not meaningful (the Hessian may even be singular).
            standardErrors = null;
        }
        if (hessianMessage is not null && !boundary)
        {
            messages.Add(hessianMessage);
        }
        if (top.LogTheta.Any(u => Math.Abs(u) >= LogBound - 1) && !boundary)
        {
            messages.Add("a parameter ran to the edge of its range (the model does not fit these data)");
        }
        return new MaximumLikelihoodFit(theta, logLikelihood, standardErrors, messages.Count == 0, top.Iterations, gradientNorm,
            tried, agreeing, messages.Count == 0 ? null : string.Join("; ", messages))
        {
            AtBoundary = boundary && messages.Count == 0,
            AbsorbedStarts = absorbedStarts,
        };
    }

    /// <summary>Thrown from the objective when a start has reached the region of a limit fitted directly.</summary>
    private sealed class AbsorbedException : Exception
    {
    }

    private static bool IsAbsorbed(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is AbsorbedException)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The lowest finite objective value seen since the last reset, with its point and gradient.</summary>
    private sealed class BestPoint
    {
        private double value = double.PositiveInfinity;

        internal Vector<double>? Point { get; private set; }

        internal Vector<double>? Gradient { get; private set; }

        internal int Evaluations { get; private set; }

        internal void Reset()
        {
            value = double.PositiveInfinity;
            Point = null;
            Gradient = null;
            Evaluations = 0;
        }

        internal (double, Vector<double>) Track(Vector<double> u, (double Value, Vector<double> Gradient) evaluated)
        {
            Evaluations++;
            if (double.IsFinite(evaluated.Value) && evaluated.Value < value && evaluated.Gradient.All(double.IsFinite))
            {
                value = evaluated.Value;
                Point = u.Clone();
                Gradient = evaluated.Gradient.Clone();
            }
            return evaluated;
        }
    }

    private static bool IsNumericFailure(Exception e) =>
        e is OptimizationException or ArgumentException or ArithmeticException or InvalidOperationException;

    /// <summary>The mean negative log-likelihood per customer in log parameters, and its gradient.</summary>
    private static (double, Vector<double>) Objective(ILikelihood likelihood, Vector<double> u, double customers)
    {
        var n = likelihood.Dimension;
        var gradient = Vector<double>.Build.Dense(n);
        if (u.Any(value => !double.IsFinite(value) || Math.Abs(value) > LogBound))
        {
            return (double.PositiveInfinity, gradient);
        }
        Span<double> theta = stackalloc double[n];
        Span<double> grad = stackalloc double[n];
        for (var j = 0; j < n; j++)
        {
            theta[j] = Math.Exp(u[j]);
        }
        var value = likelihood.Evaluate(theta, grad);
        for (var j = 0; j < n; j++)
        {
            gradient[j] = -grad[j] * theta[j] / customers;
        }
        return (-value / customers, gradient);
    }

    private static double Value(ILikelihood likelihood, Vector<double> u, double customers)
    {
        var n = likelihood.Dimension;
        if (u.Any(value => !double.IsFinite(value) || Math.Abs(value) > LogBound))
        {
            return double.PositiveInfinity;
        }
        Span<double> theta = stackalloc double[n];
        for (var j = 0; j < n; j++)
        {
            theta[j] = Math.Exp(u[j]);
        }
        var value = -likelihood.Evaluate(theta, []) / customers;
        return double.IsNaN(value) ? double.PositiveInfinity : value;
    }

    /// <summary>Standard errors of θ from the inverse Hessian of −LL in log θ (delta method: se(θ) = θ · se(log θ)).</summary>
    private static (double[]? StandardErrors, string? Problem) StandardErrors(ILikelihood likelihood, double[] logTheta)
    {
        var n = likelihood.Dimension;
        var hessian = Matrix<double>.Build.Dense(n, n);
        const double h = 1e-5;
        for (var j = 0; j < n; j++)
        {
            var up = (double[])logTheta.Clone();
            var down = (double[])logTheta.Clone();
            up[j] += h;
            down[j] -= h;
            var gUp = Objective(likelihood, Vector<double>.Build.DenseOfArray(up), 1).Item2;
            var gDown = Objective(likelihood, Vector<double>.Build.DenseOfArray(down), 1).Item2;
            for (var i = 0; i < n; i++)
            {
                hessian[i, j] = (gUp[i] - gDown[i]) / (2 * h);
            }
        }
        hessian = (hessian + hessian.Transpose()) / 2;
        if (hessian.Enumerate().Any(v => !double.IsFinite(v)))
        {
            return (null, "the Hessian is not finite");
        }
        try
        {
            var covariance = hessian.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(n));
            return ([.. Enumerable.Range(0, n).Select(j => Math.Exp(logTheta[j]) * Math.Sqrt(covariance[j, j]))], null);
        }
        catch (ArgumentException)
        {
            return (null, "the Hessian is not positive definite (not a maximum, or a parameter is not identified)");
        }
    }
}
