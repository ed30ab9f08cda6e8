namespace Segmenta.Lifetime;

/// <summary>Sums and differences of numbers held as logarithms, without overflow, and log(1 + x), eˣ − 1 to full precision.</summary>
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
        v >= u ? double.NegativeInfinity : u + Math.Log(-ExpM1(v - u));

    /// <summary>
    /// log(1 + x) to full relative precision also for tiny x (Goldberg 1991, "What every computer scientist should know
    /// about floating-point arithmetic", theorem 4): the rounding of 1 + x is undone by the factor x / ((1 + x) − 1).
    /// .NET's double.LogP1 is log(x + 1), which loses the digits of a tiny x.
    /// </summary>
    internal static double Log1P(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * (x / (u - 1));
    }

    /// <summary>eˣ − 1 to full relative precision also for tiny x (Kahan's correction; .NET's double.ExpM1 is eˣ − 1).</summary>
    internal static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 0.5)
        {
            return Math.Exp(x) - 1;
        }
        var u = Math.Exp(x);
        return u == 1 ? x : (u - 1) * (x / Math.Log(u));
    }
}
