namespace Segmenta.Segmentation;

/// <summary>The invariants a fitted clustering model checks when it is built, so that no model is ever half-valid.</summary>
internal static class ModelInvariants
{
    /// <summary><paramref name="value"/> when it is at least 1.</summary>
    internal static int AtLeastOne(int value, string name) => value >= 1 ? value
        : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");

    /// <summary><paramref name="values"/> when it holds <paramref name="length"/> finite numbers.</summary>
    internal static double[] Values(double[] values, int length, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != length)
        {
            throw new ArgumentException($"{name} holds {values.Length} values; the model's shape needs {length}.", name);
        }
        if (!Array.TrueForAll(values, double.IsFinite))
        {
            throw new ArgumentException($"{name} holds a value that is not finite.", name);
        }
        return values;
    }

    /// <summary><paramref name="labels"/> when each lies in [0, <paramref name="k"/>).</summary>
    internal static int[] Labels(int[] labels, int k)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!Array.TrueForAll(labels, l => l >= 0 && l < k))
        {
            throw new ArgumentException($"A label lies outside [0, {k}).", nameof(labels));
        }
        return labels;
    }
}
