namespace Segmenta.Lifetime;

/// <summary>Sums and differences of numbers held as logarithms, without overflow.</summary>
internal static class LogMath
{
    /// <summary>log(exp(u) + exp(v)).</summary>
    internal static double AddExp(double u, double v)
    {
        if (double.IsNegativeInfinity(u))
        {
            return v;
        }
        if (double.IsNegativeInfinity(v))
        {
            return u;
        }
        return u > v ? u + Math.Log(1 + Math.Exp(v - u)) : v + Math.Log(1 + Math.Exp(u - v));
    }

    /// <summary>log(exp(u) − exp(v)) for u ≥ v; −∞ when they are equal.</summary>
    internal static double SubtractExp(double u, double v) =>
        v >= u ? double.NegativeInfinity : u + Math.Log(-double.ExpM1(v - u));
}
