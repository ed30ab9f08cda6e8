namespace Segmenta.Recommending;

/// <summary>
/// A fitted logistic regression P(y = 1 | x) = 1 / (1 + e^−(b₀ + Σ bⱼ zⱼ)) on standardised features zⱼ = (xⱼ − meanⱼ) / sdⱼ,
/// fitted by Newton's method (IRLS) with a small ridge penalty on b₁.. (not the intercept), so that it converges even
/// when a feature separates the classes. Same objective as scikit-learn's LogisticRegression(C = 1 / Ridge) on
/// standardised features.
/// </summary>
internal sealed partial record LogisticModel(double[] Mean, double[] Scale, double[] Coefficients)
{
    /// <summary>The linear predictor b₀ + Σ bⱼ zⱼ (monotone in the probability; enough to rank).</summary>
    public double Logit(ReadOnlySpan<double> x)
    {
        var z = Coefficients[0];
        for (var j = 0; j < x.Length; j++)
        {
            z += Coefficients[j + 1] * (x[j] - Mean[j]) / Scale[j];
        }
        return z;
    }

    public double Probability(ReadOnlySpan<double> x) => 1 / (1 + Math.Exp(-Logit(x)));

    /// <summary>Fits on rows × <paramref name="features"/> values <paramref name="x"/> (row-major) and 0/1 labels <paramref name="y"/>.</summary>
    public static LogisticModel Fit(double[] x, bool[] y, int features, double ridge = 1.0, int maxIterations = 50)
    {
        var rows = y.Length;
        var mean = new double[features];
        var scale = new double[features];
        for (var j = 0; j < features; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < rows; i++)
            {
                sum += x[(i * features) + j];
            }
            mean[j] = rows == 0 ? 0 : sum / rows;
            var squares = SumOfSquares(x, rows, features, j, mean[j]);
            var sd = rows == 0 ? 0 : Math.Sqrt(squares / rows);
            scale[j] = sd > 0 ? sd : 1;
        }
        var d = features + 1;
        // Standardised design matrix with the intercept column, built once.
        var z = new double[rows * d];
        for (var i = 0; i < rows; i++)
        {
            z[i * d] = 1;
            for (var j = 0; j < features; j++)
            {
                z[(i * d) + j + 1] = (x[(i * features) + j] - mean[j]) / scale[j];
            }
        }
        var b = new double[d];
        // Rows are summed in fixed chunks in parallel and the chunks merged in order, so the fit does not depend on scheduling.
        var chunks = Math.Max(1, Math.Min(64, rows / 4096));
        var partial = new double[chunks][];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Parallel.For(0, chunks, chunk =>
            {
                var sums = partial[chunk] ??= new double[d + (d * d)];
                Array.Clear(sums);
                var (from, to) = (chunk * rows / chunks, (chunk + 1) * rows / chunks);
                Accumulate(z.AsSpan(from * d, (to - from) * d), y.AsSpan(from, to - from), b, sums);
            });
            var gradient = new double[d];
            var hessian = new double[d * d];
            foreach (var sums in partial.Where(p => p is not null))
            {
                for (var r = 0; r < d; r++)
                {
                    gradient[r] += sums[r];
                }
                for (var t = 0; t < d * d; t++)
                {
                    hessian[t] += sums[d + t];
                }
            }
            for (var r = 1; r < d; r++)
            {
                gradient[r] -= ridge * b[r];
                hessian[(r * d) + r] += ridge;
            }
            hessian[0] += 1e-9;
            var step = SolveSymmetric(hessian, gradient, d);
            var change = 0.0;
            for (var r = 0; r < d; r++)
            {
                b[r] += step[r];
                change = Math.Max(change, Math.Abs(step[r]));
            }
            if (change < 1e-7)
            {
                break;
            }
        }
        return new LogisticModel(mean, scale, b);
    }

    /// <summary>Solves A s = g for a symmetric positive definite A given by its lower triangle (Cholesky).</summary>
    /// <summary>
    /// Σ over the rows of Math.Pow(x[i, column] − mean, 2), in row order. Math.Pow is a pure function, so a value equal bit
    /// for bit to the row before's adds that row's square again instead of calling it: the customer's own features (orders,
    /// idle days, distinct products) repeat over the customer's consecutive rows — 3 of the 5 discovery features, 2 of the 9
    /// buy-again ones. The same terms in the same order as calling it for every row. Not <c>d * d</c>: libm's pow is
    /// within 0.52 ULP, not always correctly rounded, so the square could differ in its last bit (decision 57).
    /// </summary>
    internal static double SumOfSquares(ReadOnlySpan<double> x, int rows, int features, int column, double mean)
    {
        var squares = 0.0;
        var (previous, square) = (0L, 0.0);
        for (var i = 0; i < rows; i++)
        {
            var value = x[(i * features) + column];
            var bits = BitConverter.DoubleToInt64Bits(value);
            if (i == 0 || bits != previous)
            {
                (previous, square) = (bits, Math.Pow(value - mean, 2));
            }
            squares += square;
        }
        return squares;
    }

    private static double[] SolveSymmetric(double[] a, double[] g, int d)
    {
        var l = new double[d * d];
        for (var r = 0; r < d; r++)
        {
            for (var s = 0; s <= r; s++)
            {
                var sum = a[(r * d) + s];
                for (var t = 0; t < s; t++)
                {
                    sum -= l[(r * d) + t] * l[(s * d) + t];
                }
                l[(r * d) + s] = r == s ? Math.Sqrt(Math.Max(sum, 1e-300)) : sum / l[(s * d) + s];
            }
        }
        var v = new double[d];
        for (var r = 0; r < d; r++)
        {
            var sum = g[r];
            for (var t = 0; t < r; t++)
            {
                sum -= l[(r * d) + t] * v[t];
            }
            v[r] = sum / l[(r * d) + r];
        }
        var s2 = new double[d];
        for (var r = d - 1; r >= 0; r--)
        {
            var sum = v[r];
            for (var t = r + 1; t < d; t++)
            {
                sum -= l[(t * d) + r] * s2[t];
            }
            s2[r] = sum / l[(r * d) + r];
        }
        return s2;
    }
}
