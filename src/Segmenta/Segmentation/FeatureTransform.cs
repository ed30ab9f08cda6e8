using System.Text.Json.Serialization;

namespace Segmenta.Segmentation;

/// <summary>
/// The fitted preprocessing of one feature: its shape transform (fixed by what the feature is, see
/// <see cref="FeaturePolicy"/>), optional winsorising bounds, then centring and scaling.
/// </summary>
/// <param name="Name">The customer feature.</param>
/// <param name="Transform">Shape transform applied first (log1p for counts and days, signed log1p for money).</param>
/// <param name="Discrete">Whole-number feature (counts, days): mixtures are fitted on dequantised values.</param>
/// <param name="ClipLow">Lower winsorising bound after the transform, or null.</param>
/// <param name="ClipHigh">Upper winsorising bound after the transform, or null.</param>
/// <param name="Center">Subtracted after clipping (mean, or median for robust scaling).</param>
/// <param name="Scale">Divided by last (population sd, or IQR for robust scaling); 1 for a constant feature.</param>
public sealed record FeatureStep(string Name, ValueTransform Transform, bool Discrete, double? ClipLow, double? ClipHigh, double Center, double Scale)
{
    internal double Apply(double x)
    {
        x = FeaturePolicy.Apply(Transform, x);
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
    /// <summary>Fits the transform on <paramref name="raw"/>; each feature's shape transform comes from <see cref="FeaturePolicy.For"/>.</summary>
    public static FeatureTransform Fit(FeatureMatrix raw, Scaling scaling, double? winsorizePercentile)
    {
        var steps = new List<FeatureStep>();
        for (var c = 0; c < raw.Columns; c++)
        {
            var policy = FeaturePolicy.For(raw.Names[c]);
            var values = raw.Column(c).Select(v => FeaturePolicy.Apply(policy.Transform, v)).ToArray();
            double? low = null, high = null;
            if (winsorizePercentile is { } p)
            {
                (low, high) = (Quantile(values, (100 - p) / 100), Quantile(values, p / 100));
                values = values.Select(v => Math.Clamp(v, low.Value, high.Value)).ToArray();
            }
            var (center, scale) = scaling == Scaling.Standard
                ? (values.Average(), PopulationStd(values))
                : (Quantile(values, 0.5), Quantile(values, 0.75) - Quantile(values, 0.25));
            steps.Add(new FeatureStep(raw.Names[c], policy.Transform, policy.Discrete, low, high, center, scale > 0 ? scale : 1));
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

    /// <summary>
    /// Applies the steps after spreading each whole-number feature uniformly over its unit bin (value ± 0.5, seeded):
    /// the data mixtures are fitted on, so that no component can shrink onto one count (Theis, van den Oord and Bethge
    /// 2016, "A note on the evaluation of generative models": uniform dequantisation).
    /// </summary>
    internal FeatureMatrix ApplyDequantised(FeatureMatrix raw, int seed)
    {
        var random = new Random(unchecked(seed * 7_919 + 104_729));
        var values = new double[raw.Values.Length];
        for (var i = 0; i < raw.Rows; i++)
        {
            for (var c = 0; c < raw.Columns; c++)
            {
                var value = raw.Values[i * raw.Columns + c];
                // The draw is made for every cell, so a column's jitter does not depend on which others are discrete.
                var jitter = random.NextDouble() - 0.5;
                values[i * raw.Columns + c] = Steps[c].Apply(Steps[c].Discrete ? value + jitter : value);
            }
        }
        return raw with { Values = values };
    }

    /// <summary>One line per feature saying what the models see, e.g. "monetary: sign(x)·log(1 + |x|), standardised".</summary>
    public IReadOnlyList<string> Describe() => Steps.Select(s =>
    {
        var shape = s.Transform switch
        {
            ValueTransform.Log1p => "log(1 + x)",
            ValueTransform.SignedLog1p => "sign(x)·log(1 + |x|)",
            _ => "x",
        };
        var clip = s.ClipLow is null ? "" : ", winsorised";
        var scale = Scaling == Scaling.Standard ? "standardised" : "robust-scaled";
        return $"{s.Name}: {shape}{clip}, {scale}";
    }).ToList();

    [JsonIgnore]
    internal IReadOnlyList<string> Names => Steps.Select(s => s.Name).ToList();

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
