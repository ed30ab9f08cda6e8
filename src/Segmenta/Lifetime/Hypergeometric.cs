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
}
