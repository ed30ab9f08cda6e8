using System.Text.Json.Serialization;

namespace Segmenta.Segmentation;

/// <summary>
/// The fitted preprocessing of one feature: optional log1p, optional winsorising bounds, then centring and scaling.
/// Rule for log1p: the feature is never negative and its skewness exceeds 1 (recency, frequency and monetary of a
/// retail base all qualify); wholesalers then stop dominating distances.
/// </summary>
public sealed record FeatureStep(string Name, bool Log1p, double? ClipLow, double? ClipHigh, double Center, double Scale)
{
    internal double Apply(double x)
    {
        if (Log1p)
        {
            x = Math.Log(1 + Math.Max(0, x));
        }
        if (ClipLow is { } low && x < low)
        {
            x = low;
        }
        if (ClipHigh is { } high && x > high)
        {
            x = high;
        }
        return (x - Center) / Scale;
    }
}

/// <summary>The fitted preprocessing of all features; re-applied unchanged to new customers when scoring.</summary>
public sealed record FeatureTransform(IReadOnlyList<FeatureStep> Steps, Scaling Scaling)
{
    /// <summary>Fits the transform on <paramref name="raw"/>.</summary>
    public static FeatureTransform Fit(FeatureMatrix raw, Scaling scaling, double? winsorizePercentile)
    {
        var steps = new List<FeatureStep>();
        for (var c = 0; c < raw.Columns; c++)
        {
            var column = raw.Column(c);
            var log = column.All(v => v >= 0) && Skewness(column) > 1;
            var values = log ? column.Select(v => Math.Log(1 + v)).ToArray() : column;
            double? low = null, high = null;
            if (winsorizePercentile is { } p)
            {
                (low, high) = (Quantile(values, (100 - p) / 100), Quantile(values, p / 100));
                values = values.Select(v => Math.Clamp(v, low.Value, high.Value)).ToArray();
            }
            var (center, scale) = scaling == Scaling.Standard
                ? (values.Average(), PopulationStd(values))
                : (Quantile(values, 0.5), Quantile(values, 0.75) - Quantile(values, 0.25));
            steps.Add(new FeatureStep(raw.Names[c], log, low, high, center, scale > 0 ? scale : 1));
        }
        return new FeatureTransform(steps, scaling);
    }

    /// <summary>Applies the fitted steps to a matrix with the same columns.</summary>
    public FeatureMatrix Apply(FeatureMatrix raw)
    {
        var values = new double[raw.Values.Length];
        for (var i = 0; i < raw.Rows; i++)
        {
            for (var c = 0; c < raw.Columns; c++)
            {
                values[i * raw.Columns + c] = Steps[c].Apply(raw.Values[i * raw.Columns + c]);
            }
        }
        return raw with { Values = values };
    }

    [JsonIgnore]
    internal IReadOnlyList<string> Names => Steps.Select(s => s.Name).ToList();

    internal static double Skewness(double[] values)
    {
        var mean = values.Average();
        double m2 = 0, m3 = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= values.Length;
        m3 /= values.Length;
        return m2 == 0 ? 0 : m3 / Math.Pow(m2, 1.5);
    }

    internal static double PopulationStd(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    /// <summary>Linear-interpolation quantile (numpy's default).</summary>
    internal static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
