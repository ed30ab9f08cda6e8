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

    /// <summary>
    /// 2F1(a, b; c; z) and its partial derivatives in a, b, c and z, summed in one pass: the n-th term's derivative in a
    /// is the term times Σ_{k&lt;n} 1/(a + k) (likewise b, and minus for c), and in z it is n times the term over z.
    /// </summary>
    internal static (double Value, double DA, double DB, double DC, double DZ) SeriesWithDerivatives(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "2F1 is summed for 0 <= z < 1 only.");
        }
        // q is the n-th term without its last factor z (so that the z-derivative needs no division by z).
        double sum = 1, da = 0, db = 0, dc = 0, dz = 0;
        double ha = 0, hb = 0, hc = 0;
        var q = a * b / c;
        for (var n = 1; n < MaxTerms; n++)
        {
            ha += 1 / (a + n - 1);
            hb += 1 / (b + n - 1);
            hc += 1 / (c + n - 1);
            var term = q * z;
            sum += term;
            da += term * ha;
            db += term * hb;
            dc -= term * hc;
            dz += n * q;
            if (Math.Abs(term) * Math.Max(1, Math.Max(Math.Abs(ha), Math.Abs(hb))) <= 1e-16 * Math.Abs(sum) && Math.Abs(n * q) <= 1e-16 * Math.Max(Math.Abs(dz), 1e-300) && z * (a + n) * (b + n) < (c + n) * (n + 1))
            {
                return (sum, da, db, dc, dz);
            }
            if (z == 0)
            {
                return (sum, da, db, dc, dz);
            }
            q *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
        }
        throw new InvalidOperationException($"2F1({a}, {b}; {c}; {z}) did not converge in {MaxTerms} terms.");
    }
}
