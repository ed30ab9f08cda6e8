using Segmenta.Recommending;
using static Segmenta.Tests.Recommending.TinyShop;

namespace Segmenta.Tests.Recommending;

public class EaseModelTests
{
    [Fact]
    public void The_inverse_times_the_matrix_is_the_identity()
    {
        // A random symmetric positive definite matrix: XᵀX + 5I with X 80 × 40 of uniform values.
        const int n = 40;
        var random = new Random(7);
        var x = Enumerable.Range(0, 80 * n).Select(_ => random.NextDouble()).ToArray();
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var r = 0; r < 80; r++)
                {
                    a[(i * n) + j] += x[(r * n) + i] * x[(r * n) + j];
                }
                a[(i * n) + j] += i == j ? 5 : 0;
            }
        }
        var inverse = (double[])a.Clone();
        EaseModel.InvertInPlace(inverse, n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var product = 0.0;
                for (var t = 0; t < n; t++)
                {
                    product += a[(i * n) + t] * inverse[(t * n) + j];
                }
                Assert.Equal(i == j ? 1 : 0, product, 9);
            }
        }
    }

    [Fact]
    public void With_two_products_each_weight_is_the_ridge_regression_of_one_on_the_other()
    {
        // For two products the closed form reduces to B[i, j] = G[i, j] / (G[i, i] + λ) (inverse of a 2 × 2 matrix).
        // D bought P4 and P5 (days 40, 95 for P4; 40 for P5) and E bought P4 (day 50): with an infinite half-life x is 0/1,
        // so G = [[2, 1], [1, 1]] over (P4, P5) and λ = 1: B[P4, P5] = 1 / 3, B[P5, P4] = 1 / 2.
        var data = Interactions.Build(Log(), Day(100), 90);
        var active = new bool[data.Products];
        active[4] = active[5] = true;
        var ease = EaseModel.Fit(data, active, maxProducts: 10, minBuyers: 1, lambda: 1, halfLifeDays: double.PositiveInfinity);
        Assert.Equal([4, 5], ease.Products);
        Assert.Equal(1 / 3.0, ease.Weights[1], 12);
        Assert.Equal(1 / 2.0, ease.Weights[2], 12);
        Assert.Equal(0, ease.Weights[0]);
        Assert.Equal(0, ease.Weights[3]);
    }

    [Fact]
    public void Only_the_products_with_most_buyers_enter_the_model_so_memory_is_bounded()
    {
        // Buyers: P1 3, P0 2, P3 2, P4 2, P2 1, P5 1. At most 3 products: P1 and the first two of the tied (by id) P0, P3.
        var data = Interactions.Build(Log(), Day(100), 90);
        var active = Enumerable.Repeat(true, data.Products).ToArray();
        var ease = EaseModel.Fit(data, active, maxProducts: 3, minBuyers: 1, lambda: 1, halfLifeDays: 90);
        Assert.Equal([0, 1, 3], ease.Products);
        Assert.Equal(9, ease.Weights.Length);
        Assert.Equal(-1, ease.IndexOf[4]);
        Assert.Empty(EaseModel.Fit(data, active, maxProducts: 3, minBuyers: 4, lambda: 1, halfLifeDays: 90).Products);
    }

    [Fact]
    public void The_gram_matrix_is_bit_for_bit_the_sum_over_customers_of_every_pair_of_their_products()
    {
        // Only the upper triangle is summed and then mirrored; each cell must still be the plain sum of x_i · x_j over the
        // customers holding both, in customer order (what computing every cell gave), for customers whose products
        // arrive in any order.
        var random = new Random(11);
        const int customers = 200, products = 40;
        var log = RandomLog(5, customers, products);
        var data = Interactions.Build(log, Day(200), 90);
        // Every third product stays out of the model; model indexes follow product ids.
        var indexOf = Enumerable.Range(0, products).Select(p => p % 3 == 2 ? -1 : p - (p / 3)).ToArray();
        var n = indexOf.Max() + 1;
        var values = Enumerable.Range(0, data.Items.Length).Select(_ => random.NextDouble()).ToArray();

        var gram = EaseModel.Gram(data, indexOf, values, n);

        var expected = new double[n * n];
        for (var c = 0; c < customers; c++)
        {
            for (var e = data.RowStart[c]; e < data.RowStart[c + 1]; e++)
            {
                for (var f = data.RowStart[c]; f < data.RowStart[c + 1]; f++)
                {
                    if (indexOf[data.Items[e]] is var i and >= 0 && indexOf[data.Items[f]] is var j and >= 0)
                    {
                        expected[(i * n) + j] += values[e] * values[f];
                    }
                }
            }
        }
        Assert.Equal(expected, gram);
        Assert.Contains(gram, v => v > 0);
    }

    [Fact]
    public void Two_dots_side_by_side_are_bit_for_bit_the_dots_one_at_a_time()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 200; trial++)
        {
            var (n0, n1) = (random.Next(0, 40), random.Next(0, 40));
            double[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9)))];
            var (x0, y0, x1, y1) = (Values(n0), Values(n0), Values(n1), Values(n1));

            var (d0, d1) = EaseModel.Dot2(x0, y0, x1, y1);

            Assert.Equal(BitConverter.DoubleToInt64Bits(EaseModel.Dot(x0, y0)), BitConverter.DoubleToInt64Bits(d0));
            Assert.Equal(BitConverter.DoubleToInt64Bits(EaseModel.Dot(x1, y1)), BitConverter.DoubleToInt64Bits(d1));
        }
    }

    [Fact]
    public void Four_dots_side_by_side_or_on_one_shared_row_are_bit_for_bit_the_dots_one_at_a_time()
    {
        var random = new Random(4);
        for (var trial = 0; trial < 200; trial++)
        {
            double[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9)))];
            var lengths = Enumerable.Range(0, 4).Select(_ => random.Next(0, 40)).ToArray();
            var x = lengths.Select(Values).ToArray();
            var y = lengths.Select(Values).ToArray();
            var dots = new double[4];

            EaseModel.Dot4(x[0], y[0], x[1], y[1], x[2], y[2], x[3], y[3], dots);

            for (var k = 0; k < 4; k++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(EaseModel.Dot(x[k], y[k])), BitConverter.DoubleToInt64Bits(dots[k]));
            }
            var rows = Enumerable.Range(0, 4).Select(_ => Values(lengths[0])).ToArray();

            EaseModel.DotRows4(y[0], rows[0], rows[1], rows[2], rows[3], dots);

            for (var k = 0; k < 4; k++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(EaseModel.Dot(rows[k], y[0])), BitConverter.DoubleToInt64Bits(dots[k]));
            }
        }
    }

    [Fact]
    public void Four_rows_added_in_one_pass_are_bit_for_bit_the_rows_added_one_by_one()
    {
        var random = new Random(5);
        foreach (var n in (int[])[0, 1, 3, 4, 7, 8, 13, 700])
        {
            double[] Values() => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9)))];
            var rows = new[] { Values(), Values(), Values(), Values() };
            double[] alpha = [.. Enumerable.Range(0, 4).Select(_ => random.NextDouble() * 3 - 1)];
            var start = Values();
            var expected = (double[])start.Clone();
            for (var r = 0; r < 4; r++)
            {
                EaseModel.Axpy(alpha[r], rows[r], expected);
            }
            var actual = (double[])start.Clone();

            EaseModel.Axpy4(alpha, rows[0], rows[1], rows[2], rows[3], actual);

            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(67)]
    public void The_inverse_is_bit_for_bit_the_one_computed_one_dot_at_a_time(int n)
    {
        // The paired dots (two rows of the factor, two columns of L⁻¹, two cells of the product at once) must not change
        // a single bit of EASE's weights: compared with the plain Cholesky inverse, one dot after the other.
        var random = new Random(n);
        var x = Enumerable.Range(0, 3 * n * n).Select(_ => random.NextDouble()).ToArray();
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var r = 0; r < 3 * n; r++)
                {
                    a[(i * n) + j] += x[(r * n) + i] * x[(r * n) + j];
                }
                a[(i * n) + j] += i == j ? 0.5 : 0;
            }
        }
        var expected = OneDotAtATime(a, n);
        var actual = (double[])a.Clone();

        EaseModel.InvertInPlace(actual, n);

        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>The Cholesky inverse as it was written before the dots were paired (session 10), as the reference.</summary>
    private static double[] OneDotAtATime(double[] source, int n)
    {
        var a = (double[])source.Clone();
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * n) + j] - EaseModel.Dot(l.AsSpan(i * n, j), l.AsSpan(j * n, j));
                l[(i * n) + j] = i == j ? Math.Sqrt(sum) : sum / l[(j * n) + j];
            }
        }
        var m = new double[n * n];
        for (var k = 0; k < n; k++)
        {
            var column = m.AsSpan(k * n, n);
            column[k] = 1 / l[(k * n) + k];
            for (var i = k + 1; i < n; i++)
            {
                column[i] = -EaseModel.Dot(l.AsSpan((i * n) + k, i - k), column[k..i]) / l[(i * n) + i];
            }
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var p = EaseModel.Dot(m.AsSpan((i * n) + j, n - j), m.AsSpan((j * n) + j, n - j));
                a[(i * n) + j] = p;
                a[(j * n) + i] = p;
            }
        }
        return a;
    }

    [Theory]
    [InlineData(typeof(EaseModel), nameof(EaseModel.Dot))]
    [InlineData(typeof(EaseModel), nameof(EaseModel.Dot2))]
    [InlineData(typeof(EaseModel), nameof(EaseModel.Dot4))]
    [InlineData(typeof(EaseModel), nameof(EaseModel.DotRows4))]
    [InlineData(typeof(EaseModel), nameof(EaseModel.Axpy))]
    [InlineData(typeof(EaseModel), nameof(EaseModel.Axpy4))]
    [InlineData(typeof(Bootstrap), "Add")]
    [InlineData(typeof(Bootstrap), "Add4")]
    public void The_vector_kernels_are_compiled_fully_optimised_at_their_first_call(Type type, string name)
    {
        // ReadyToRun cannot precompile Vector<T> code; at tier 0 it doubled the evaluation's CPU (decision 52).
        var method = type.GetMethod(name, System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)!;

        Assert.True(method.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization));
    }
}
