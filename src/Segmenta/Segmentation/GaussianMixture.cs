namespace Segmenta.Segmentation;

/// <summary>
/// Gaussian mixtures fitted by expectation-maximisation, as scikit-learn's GaussianMixture: initialised from a K-Means
/// partition, <c>reg_covar</c> added to every covariance diagonal, stopping when the mean log-likelihood gains less
/// than the tolerance or after <c>maxIterations</c> EM steps; the best of <c>n_init</c> seeded starts wins. Count features
/// are dequantised by the caller (<see cref="FeatureTransform.ApplyDequantised"/>) so no component collapses onto one count.
/// </summary>
public static class GaussianMixture
{
    // numpy's finfo(float).eps, which scikit-learn adds to every component's weight so an empty one cannot divide by 0.
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Fits a mixture of <see cref="GaussianMixtureOptions.K"/> components on <paramref name="x"/>.</summary>
    public static GaussianMixtureModel Fit(FeatureMatrix x, GaussianMixtureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Starts(x, options, 0, null);
    }

    /// <summary>
    /// As <see cref="Fit"/>, given <paramref name="bestOfFirst"/>, the result of the same fit with only the first
    /// <paramref name="done"/> starts (a start's seed depends on its number, not on how many there are): runs the other
    /// starts only, with the same result as all of them.
    /// </summary>
    internal static GaussianMixtureModel FitRemaining(FeatureMatrix x, GaussianMixtureOptions options, GaussianMixtureModel bestOfFirst, int done) =>
        done <= 0 ? Fit(x, options) : Starts(x, options, Math.Min(done, options.NInit), bestOfFirst);

    private static GaussianMixtureModel Starts(FeatureMatrix x, GaussianMixtureOptions options, int first, GaussianMixtureModel? bestBefore)
    {
        var (k, covariance, seed, nInit, maxIterations, tolerance, regCovar) = options;
        // The best of the earlier starts wins ties against the later ones, as in one pass over all.
        var best = bestBefore;
        for (var run = first; run < nInit; run++)
        {
            var start = KMeans.Fit(x, new KMeansOptions(k, unchecked(seed * 31 + run), NInit: 1));
            var model = FitFrom(x, k, covariance, start.Labels, maxIterations, tolerance, regCovar);
            if (best is null || model.MeanLogLikelihood > best.MeanLogLikelihood)
            {
                best = model;
            }
        }
        return best!;
    }

    private static GaussianMixtureModel FitFrom(FeatureMatrix x, int k, CovarianceType covariance, int[] labels, int maxIterations, double tolerance, double regCovar)
    {
        var responsibilities = new double[x.Rows * k];
        for (var i = 0; i < x.Rows; i++)
        {
            responsibilities[i * k + labels[i]] = 1;
        }
        var model = MStep(x, k, covariance, responsibilities, regCovar, double.NegativeInfinity, 0, false);
        var previous = double.NegativeInfinity;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            responsibilities = Responsibilities(model, x, out var logLikelihood);
            var converged = Math.Abs(logLikelihood - previous) < tolerance;
            previous = logLikelihood;
            if (converged)
            {
                return model with { MeanLogLikelihood = logLikelihood, Iterations = iteration, Converged = true };
            }
            model = MStep(x, k, covariance, responsibilities, regCovar, logLikelihood, iteration, false);
        }
        Responsibilities(model, x, out var final);
        return model with { MeanLogLikelihood = final, Iterations = maxIterations };
    }

    private static GaussianMixtureModel MStep(FeatureMatrix x, int k, CovarianceType covariance, double[] r, double regCovar, double logLikelihood, int iterations, bool converged)
    {
        var d = x.Columns;
        var weights = new double[k];
        var means = new double[k * d];
        var covariances = new double[covariance == CovarianceType.Full ? k * d * d : k * d];
        for (var c = 0; c < k; c++)
        {
            var nk = 10 * MachineEpsilon;
            for (var i = 0; i < x.Rows; i++)
            {
                var w = r[i * k + c];
                nk += w;
                for (var j = 0; j < d; j++)
                {
                    means[c * d + j] += w * x.Values[i * d + j];
                }
            }
            for (var j = 0; j < d; j++)
            {
                means[c * d + j] /= nk;
            }
            for (var i = 0; i < x.Rows; i++)
            {
                var w = r[i * k + c];
                if (w == 0)
                {
                    continue;
                }
                for (var a = 0; a < d; a++)
                {
                    var da = x.Values[i * d + a] - means[c * d + a];
                    if (covariance == CovarianceType.Diagonal)
                    {
                        covariances[c * d + a] += w * da * da;
                        continue;
                    }
                    for (var b = 0; b <= a; b++)
                    {
                        covariances[c * d * d + a * d + b] += w * da * (x.Values[i * d + b] - means[c * d + b]);
                    }
                }
            }
            for (var a = 0; a < d; a++)
            {
                if (covariance == CovarianceType.Diagonal)
                {
                    covariances[c * d + a] = covariances[c * d + a] / nk + regCovar;
                    continue;
                }
                for (var b = 0; b <= a; b++)
                {
                    var value = covariances[c * d * d + a * d + b] / nk + (a == b ? regCovar : 0);
                    covariances[c * d * d + a * d + b] = value;
                    covariances[c * d * d + b * d + a] = value;
                }
            }
            weights[c] = nk / x.Rows;
        }
        return new GaussianMixtureModel(k, d, covariance, weights, means, covariances, logLikelihood, iterations, converged, x.Rows);
    }

    /// <summary>Membership probabilities (rows × k) and the mean log-likelihood of the rows.</summary>
    internal static double[] Responsibilities(GaussianMixtureModel model, FeatureMatrix x, out double meanLogLikelihood)
    {
        var (k, d) = (model.K, model.Columns);
        var factors = Enumerable.Range(0, k).Select(c => Factor(model, c)).ToArray();
        var result = new double[x.Rows * k];
        var total = 0.0;
        var logs = new double[k];
        var diff = new double[d];
        for (var i = 0; i < x.Rows; i++)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                for (var j = 0; j < d; j++)
                {
                    diff[j] = x.Values[i * d + j] - model.Means[c * d + j];
                }
                logs[c] = Math.Log(model.Weights[c]) + factors[c].LogNormaliser - 0.5 * factors[c].Mahalanobis(diff);
                max = Math.Max(max, logs[c]);
            }
            var sum = 0.0;
            for (var c = 0; c < k; c++)
            {
                sum += Math.Exp(logs[c] - max);
            }
            var logSum = max + Math.Log(sum);
            total += logSum;
            for (var c = 0; c < k; c++)
            {
                result[i * k + c] = Math.Exp(logs[c] - logSum);
            }
        }
        meanLogLikelihood = total / x.Rows;
        return result;
    }

    private sealed record ComponentFactor(double LogNormaliser, Func<double[], double> Mahalanobis);

    /// <summary>Cholesky factor of a component's covariance: log normaliser and squared Mahalanobis distance.</summary>
    private static ComponentFactor Factor(GaussianMixtureModel model, int c)
    {
        var d = model.Columns;
        if (model.Covariance == CovarianceType.Diagonal)
        {
            var variances = model.Covariances.AsSpan(c * d, d).ToArray();
            var logDet = variances.Sum(Math.Log);
            return new ComponentFactor(-0.5 * (d * Math.Log(2 * Math.PI) + logDet), diff =>
            {
                var q = 0.0;
                for (var j = 0; j < d; j++)
                {
                    q += diff[j] * diff[j] / variances[j];
                }
                return q;
            });
        }
        var l = new double[d * d];
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var sum = model.Covariances[c * d * d + a * d + b];
                for (var m = 0; m < b; m++)
                {
                    sum -= l[a * d + m] * l[b * d + m];
                }
                if (a == b)
                {
                    if (sum <= 0)
                    {
                        throw new SegmentaException("A mixture component collapsed (its covariance is not positive definite). Raise the covariance regularisation or use fewer segments.");
                    }
                    l[a * d + a] = Math.Sqrt(sum);
                }
                else
                {
                    l[a * d + b] = sum / l[b * d + b];
                }
            }
        }
        var logDeterminant = 0.0;
        for (var a = 0; a < d; a++)
        {
            logDeterminant += 2 * Math.Log(l[a * d + a]);
        }
        return new ComponentFactor(-0.5 * (d * Math.Log(2 * Math.PI) + logDeterminant), diff =>
        {
            // Solve L y = diff; the squared Mahalanobis distance is |y|².
            var q = 0.0;
            Span<double> y = stackalloc double[d];
            for (var a = 0; a < d; a++)
            {
                var s = diff[a];
                for (var m = 0; m < a; m++)
                {
                    s -= l[a * d + m] * y[m];
                }
                y[a] = s / l[a * d + a];
                q += y[a] * y[a];
            }
            return q;
        });
    }
}
