using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.Optimization.LineSearch;

namespace Segmenta.Lifetime;

/// <summary>
/// BFGS as MathNet's <see cref="BfgsMinimizer"/> (same weak Wolfe line search, inverse-Hessian update and exit tests),
/// except for the length of the first step. MathNet starts the first line search at 100 × gradient tolerance / |g|²
/// (about 1e-8 in log parameters here) and doubles it until the Wolfe conditions hold: some 25 likelihood evaluations
/// before the first real move. Here the first trial step moves the largest log parameter by one unit
/// (step 1 / max|g|), the natural scale of log parameters; the line search then shortens or lengthens it as usual.
/// Used for Pareto/NBD, whose evaluations are the expensive ones (docs/benchmarks.md, session 8).
/// </summary>
internal sealed class ScaledBfgsMinimizer(double gradientTolerance, double parameterTolerance, double functionProgressTolerance, int maximumIterations)
    : BfgsMinimizerBase(gradientTolerance, parameterTolerance, functionProgressTolerance, maximumIterations)
{
    internal MinimizationResult FindMinimum(IObjectiveFunction objective, Vector<double> initialGuess)
    {
        objective.EvaluateAt(initialGuess);
        ValidateGradientAndObjective(objective);
        var exit = ExitCriteriaSatisfied(objective, null, 0);
        if (exit != ExitCondition.None)
        {
            return new MinimizationResult(objective, 0, exit);
        }
        var lineSearch = new WeakWolfeLineSearch(1e-4, 0.9, Math.Max(ParameterTolerance, 1e-10), 1000);
        var inverseHessian = Matrix<double>.Build.DenseIdentity(initialGuess.Count);
        var direction = -objective.Gradient;
        var firstStep = 1 / Math.Max(direction.AbsoluteMaximum(), 1e-300);
        LineSearchResult result;
        try
        {
            result = lineSearch.FindConformingStep(objective, direction, firstStep);
        }
        catch (Exception e) when (e is OptimizationException or ArgumentException)
        {
            throw new InnerOptimizationException("Line search failed.", e);
        }
        var candidate = result.FunctionInfoAtMinimum;
        ValidateGradientAndObjective(candidate);
        var step = candidate.Point - initialGuess;
        var previous = objective;
        var lineSearchSteps = result.Iterations;
        var nontrivial = result.Iterations > 0 ? 0 : 1;
        var iterations = DoBfgsUpdate(ref exit, lineSearch, ref inverseHessian, ref direction, ref previous, ref result, ref candidate,
            ref step, ref lineSearchSteps, ref nontrivial);
        if (iterations == MaximumIterations && exit == ExitCondition.None)
        {
            throw new MaximumIterationsException($"Maximum iterations ({MaximumIterations}) reached.");
        }
        return new MinimizationWithLineSearchResult(candidate, iterations, ExitCondition.AbsoluteGradient, lineSearchSteps, nontrivial);
    }

    /// <summary>The standard BFGS update of the inverse Hessian H with s = step, y = change of gradient; a direction that does not descend restarts from −g.</summary>
    protected override Vector<double> CalculateSearchDirection(ref Matrix<double> inversePseudoHessian, out double maxLineSearchStep,
        out double startingStepSize, IObjectiveFunction previousPoint, IObjectiveFunction candidate, Vector<double> step)
    {
        startingStepSize = 1.0;
        maxLineSearchStep = double.PositiveInfinity;
        var y = candidate.Gradient - previousPoint.Gradient;
        var sy = step * y;
        var hy = inversePseudoHessian * y;
        // H' = H + (sᵀy + yᵀHy) ssᵀ / (sᵀy)² − (Hy sᵀ + s yᵀH) / sᵀy  (H symmetric, so yᵀH = (Hy)ᵀ)
        inversePseudoHessian = inversePseudoHessian + step.OuterProduct(step) * ((sy + y * hy) / (sy * sy))
            - (hy.OuterProduct(step) + step.OuterProduct(hy)) / sy;
        var direction = -(inversePseudoHessian * candidate.Gradient);
        if (direction * candidate.Gradient >= 0)
        {
            inversePseudoHessian = Matrix<double>.Build.DenseIdentity(candidate.Point.Count);
            direction = -candidate.Gradient;
        }
        return direction;
    }
}
