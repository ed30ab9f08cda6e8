namespace Segmenta.Lifetime;

/// <summary>The Gauss hypergeometric function 2F1(a, b; c; z) for 0 ≤ z &lt; 1, as the buy-till-you-die formulas need it.</summary>
internal static class Hypergeometric
{
    private const int MaxTerms = 1_000_000;

    /// <summary>
    /// Sums the power series until a term no longer changes the sum. The terms' ratio tends to z, so even z = 0.999
    /// needs only tens of thousands of terms; the formulas call it with z = t / (α + T + t) or smaller.
    /// </summary>
    internal static double Series(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "2F1 is summed for 0 <= z < 1 only.");
        }
        var term = 1.0;
        var sum = 1.0;
        for (var n = 0; n < MaxTerms; n++)
        {
            var ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            // Stop once the terms shrink (the ratio has fallen below 1) and the last one is below the sum's precision.
            if (Math.Abs(term) <= 1e-16 * Math.Abs(sum) && Math.Abs(ratio) < 1)
            {
                return sum;
            }
        }
        throw new InvalidOperationException($"2F1({a}, {b}; {c}; {z}) did not converge in {MaxTerms} terms.");
    }

    /// <summary>Most terms <see cref="LogAPlusOne"/> sums: 1 − z down to about 1e-7 (far outside any fitted model's range).</summary>
    private const int MaxTransformedTerms = 50_000_000;

    /// <summary>
    /// log 2F1(a, b; a + 1; z) for 0 ≤ z &lt; 1 and 0 &lt; b &lt; a + 1, with its derivatives in a (c = a + 1 moving with it),
    /// b and z: the Pareto/NBD form. Euler's transformation 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c−a, c−b; c; z) turns it
    /// into (1 − z)^(1−b) G with G = Σ (a+1−b)_n / (a+1)_n zⁿ, whose terms are positive and shrink by a ratio below z from
    /// the first term on. The direct series instead grows for about b·z/(1 − z) terms before it shrinks, and overflows when
    /// (1 − z)^(1−b) does, which the log form avoids: a fit that wanders to z = 0.999 with b = 200 costs thousands of
    /// terms here instead of hundreds of thousands (DLMF 15.8.1).
    /// </summary>
    internal static (double Log, double DA, double DB, double DZ) LogAPlusOne(double a, double b, double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "2F1 is summed for 0 <= z < 1 only.");
        }
        if (!(b > 0 && b < a + 1))
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "LogAPlusOne needs 0 < b < a + 1.");
        }
        if (z == 0)
        {
            // G = 1; only the z-derivative is not zero: the first coefficient a·b/(a + 1) of the direct series.
            return (0, 0, 0, a * b / (a + 1));
        }
        var first = a + 1 - b;
        var oneMinusZ = 1 - z;
        // g sums G; ga and gb sum the terms times their a- and b-derivative factors; gz sums n·q (q = term / z).
        double g = 1, ga = 0, gb = 0, gz = 0;
        double ha = 0, hb = 0;
        var q = 1.0;
        for (var n = 1; n < MaxTransformedTerms; n++)
        {
            var k = n - 1;
            ha += 1 / (first + k) - 1 / (a + 1 + k);
            hb -= 1 / (first + k);
            q *= (first + k) / (a + 1 + k) * (n == 1 ? 1 : z);
            var term = q * z;
            g += term;
            ga += term * ha;
            gb += term * hb;
            gz += n * q;
            // The ratio of successive terms rises towards z, so the rest of G is below term · z / (1 − z); the derivative
            // sums shrink alike, slower by their factors (|h| grows like log n, n·q like n).
            var tail = term / oneMinusZ * (1 + Math.Abs(ha) + Math.Abs(hb) + (n + 1 / oneMinusZ) / z);
            if (tail <= 1e-16 * g)
            {
                return Result();
            }
        }
        throw new InvalidOperationException($"2F1({a}, {b}; {a + 1}; {z}) did not converge in {MaxTransformedTerms} terms.");

        (double, double, double, double) Result()
        {
            var log1mZ = Math.Log(oneMinusZ);
            return ((1 - b) * log1mZ + Math.Log(g), ga / g, -log1mZ + gb / g, -(1 - b) / oneMinusZ + gz / g);
        }
    }
}
