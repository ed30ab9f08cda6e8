using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

public class LogisticModelTests
{
    [Fact]
    public void With_one_binary_feature_the_fitted_probabilities_are_the_two_groups_rates()
    {
        // The maximum-likelihood fit of logit p = b0 + b1 x with x in {0, 1} reproduces each group's share of positives
        // exactly (a saturated model): 3 of 10 for x = 0 and 8 of 10 for x = 1. A negligible ridge keeps it unpenalised.
        var x = Enumerable.Range(0, 20).Select(i => i < 10 ? 0.0 : 1.0).ToArray();
        var y = Enumerable.Range(0, 20).Select(i => i < 10 ? i < 3 : i < 18).ToArray();
        var model = LogisticModel.Fit(x, y, features: 1, ridge: 1e-9);
        Assert.Equal(0.3, model.Probability([0.0]), 6);
        Assert.Equal(0.8, model.Probability([1.0]), 6);
    }

    [Fact]
    public void The_ridge_keeps_a_separating_feature_finite()
    {
        var x = new[] { 0.0, 1, 2, 3, 4, 5 };
        var y = new[] { false, false, false, true, true, true };
        var model = LogisticModel.Fit(x, y, features: 1);
        Assert.All(model.Coefficients, c => Assert.True(double.IsFinite(c)));
        Assert.True(model.Probability([5.0]) > 0.5 && model.Probability([0.0]) < 0.5);
    }

    [Fact]
    public void The_accumulation_four_rows_at_a_time_is_bit_for_bit_the_plain_loop_over_rows()
    {
        var random = new Random(6);
        foreach (var d in (int[])[1, 2, 3, 4, 5, 6, 7, 9, 10, 13])
        {
            foreach (var rows in (int[])[0, 1, 3, 4, 5, 8, 11, 64])
            {
                double[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 3)))];
                var z = Values(rows * d);
                var y = Enumerable.Range(0, rows).Select(_ => random.Next(2) == 1).ToArray();
                var b = Values(d);
                var start = Values(d + (d * d));
                var expected = (double[])start.Clone();
                PlainAccumulate(z, y, b, expected);
                var sums = (double[])start.Clone();

                LogisticModel.Accumulate(z, y, b, sums);

                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), sums.Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }

    [Fact]
    public void The_sum_of_squares_is_bit_for_bit_Math_Pow_called_for_every_row()
    {
        // Runs of equal values (a customer's features over the customer's rows) reuse the square; every other value, and
        // 0.0 after -0.0 (equal, but other bits), calls Math.Pow as the plain loop does.
        var random = new Random(8);
        foreach (var features in (int[])[1, 2, 5, 9])
        {
            foreach (var rows in (int[])[0, 1, 2, 7, 70, 513])
            {
                var x = new double[rows * features];
                for (var i = 0; i < x.Length; i++)
                {
                    x[i] = random.Next(4) switch
                    {
                        0 when i >= features => x[i - features],
                        1 => random.Next(3) == 0 ? -0.0 : 0.0,
                        2 => Math.Log(1 + random.Next(40)),
                        _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 6)),
                    };
                }
                for (var column = 0; column < features; column++)
                {
                    var mean = rows == 0 ? 0 : Enumerable.Range(0, rows).Sum(i => x[(i * features) + column]) / rows;
                    var expected = 0.0;
                    for (var i = 0; i < rows; i++)
                    {
                        expected += Math.Pow(x[(i * features) + column] - mean, 2);
                    }

                    var squares = LogisticModel.SumOfSquares(x, rows, features, column, mean);

                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(squares));
                }
            }
        }
    }

    [Fact]
    public void The_accumulation_is_compiled_fully_optimised_at_its_first_call()
    {
        // Vector<T> code is not precompiled by ReadyToRun (decision 52); this kernel is most of the fit's time.
        var method = typeof(LogisticModel).GetMethod(nameof(LogisticModel.Accumulate), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!;

        Assert.True(method.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization));
    }

    /// <summary>The accumulation as first written (sessions 6-11): row by row, gradient then the Hessian's lower triangle.</summary>
    private static void PlainAccumulate(double[] z, bool[] y, double[] b, double[] sums)
    {
        var d = b.Length;
        for (var i = 0; i < y.Length; i++)
        {
            var row = z.AsSpan(i * d, d);
            var eta = 0.0;
            for (var r = 0; r < d; r++)
            {
                eta += b[r] * row[r];
            }
            var p = 1 / (1 + Math.Exp(-eta));
            var w = Math.Max(p * (1 - p), 1e-12);
            var residual = (y[i] ? 1 : 0) - p;
            for (var r = 0; r < d; r++)
            {
                sums[r] += residual * row[r];
                var wr = w * row[r];
                for (var c = 0; c <= r; c++)
                {
                    sums[d + (r * d) + c] += wr * row[c];
                }
            }
        }
    }
}
