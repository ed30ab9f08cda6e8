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

    [Theory]
    [InlineData(typeof(EaseModel), nameof(EaseModel.Dot))]
    [InlineData(typeof(EaseModel), nameof(EaseModel.Axpy))]
    [InlineData(typeof(Bootstrap), "Add")]
    public void The_vector_kernels_are_compiled_fully_optimised_at_their_first_call(Type type, string name)
    {
        // ReadyToRun cannot precompile Vector<T> code; at tier 0 it doubled the evaluation's CPU (decision 52).
        var method = type.GetMethod(name, System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)!;

        Assert.True(method.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization));
    }
}
