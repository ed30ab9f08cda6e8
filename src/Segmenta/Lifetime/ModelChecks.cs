namespace Segmenta.Lifetime;

/// <summary>The invariants every fitted model checks when it is built.</summary>
internal static class ModelChecks
{
    internal static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Model parameter {name} must be a finite positive number.");

    internal static void Summary(double x, double tx, double t)
    {
        if (!(x >= 0 && tx >= 0 && t >= tx) || !double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"A customer summary needs x >= 0 and 0 <= t_x <= T; got x={x}, t_x={tx}, T={t}.");
        }
    }
}
