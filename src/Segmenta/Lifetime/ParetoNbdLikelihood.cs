namespace Segmenta.Lifetime;

/// <summary>
/// The Pareto/NBD log-likelihood summed over weighted rows. Its gradient is taken by central differences in log
/// parameters: the analytic one needs derivatives of 2F1 in its parameters, which cost more than the differences.
/// </summary>
internal sealed class ParetoNbdLikelihood(SummaryRows rows) : ILikelihood
{
    private const double Step = 1e-6;

    public int Dimension => 4;

    public bool HasAnalyticGradient => false;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var value = Sum(theta[0], theta[1], theta[2], theta[3]);
        if (gradient.IsEmpty)
        {
            return value;
        }
        Span<double> shifted = stackalloc double[4];
        for (var j = 0; j < 4; j++)
        {
            theta.CopyTo(shifted);
            shifted[j] = theta[j] * Math.Exp(Step);
            var up = Sum(shifted[0], shifted[1], shifted[2], shifted[3]);
            shifted[j] = theta[j] * Math.Exp(-Step);
            var down = Sum(shifted[0], shifted[1], shifted[2], shifted[3]);
            // d LL / d log θ, turned into d LL / d θ.
            gradient[j] = (up - down) / (2 * Step) / theta[j];
        }
        return value;
    }

    private double Sum(double r, double alpha, double s, double beta)
    {
        var model = new ParetoNbdModel(r, alpha, s, beta);
        double total = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            total += rows.Weight[i] * model.LogLikelihood(rows.X[i], rows.Tx[i], rows.T[i]);
        }
        return total;
    }
}
