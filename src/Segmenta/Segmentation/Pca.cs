namespace Segmenta.Segmentation;

/// <summary>A 2-D principal-component projection of the (transformed) customers, for plotting.</summary>
/// <param name="Xs">First component score of each row.</param>
/// <param name="Ys">Second component score of each row.</param>
/// <param name="ExplainedVariance">Share of total variance carried by each of the two components.</param>
public sealed record Projection(double[] Xs, double[] Ys, double[] ExplainedVariance);

/// <summary>Principal components by eigen-decomposition (cyclic Jacobi) of the small d×d covariance matrix.</summary>
public static class Pca
{
    /// <summary>Projects the rows on the two leading components (one if the matrix has a single column).</summary>
    public static Projection Project2D(FeatureMatrix x)
    {
        var d = x.Columns;
        var means = Enumerable.Range(0, d).Select(j => x.Column(j).Average()).ToArray();
        var covariance = new double[d, d];
        for (var i = 0; i < x.Rows; i++)
        {
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    covariance[a, b] += (x.Values[i * d + a] - means[a]) * (x.Values[i * d + b] - means[b]) / (x.Rows - 1);
                }
            }
        }
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < a; b++)
            {
                covariance[b, a] = covariance[a, b];
            }
        }
        var (values, vectors) = Jacobi(covariance);
        var order = Enumerable.Range(0, d).OrderByDescending(i => values[i]).ToArray();
        var total = values.Sum();
        var xs = new double[x.Rows];
        var ys = new double[x.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var centred = x.Values[i * d + j] - means[j];
                xs[i] += centred * vectors[j, order[0]];
                ys[i] += d > 1 ? centred * vectors[j, order[1]] : 0;
            }
        }
        // Fix the sign of each axis (largest loading positive) so plots are the same on every run.
        FlipToPositive(xs, vectors, order[0], d);
        if (d > 1)
        {
            FlipToPositive(ys, vectors, order[1], d);
        }
        return new Projection(xs, ys, [values[order[0]] / total, d > 1 ? values[order[1]] / total : 0]);
    }

    private static void FlipToPositive(double[] scores, double[,] vectors, int column, int d)
    {
        var largest = Enumerable.Range(0, d).MaxBy(j => Math.Abs(vectors[j, column]));
        if (vectors[largest, column] < 0)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = -scores[i];
            }
        }
    }

    /// <summary>Eigenvalues and eigenvectors (columns) of a symmetric matrix.</summary>
    internal static (double[] Values, double[,] Vectors) Jacobi(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            v[i, i] = 1;
        }
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }
            if (off < 1e-22)
            {
                break;
            }
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300)
                    {
                        continue;
                    }
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var (akp, akq) = (a[k, p], a[k, q]);
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var (apk, aqk) = (a[p, k], a[q, k]);
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var (vkp, vkq) = (v[k, p], v[k, q]);
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        return (Enumerable.Range(0, n).Select(i => a[i, i]).ToArray(), v);
    }
}
