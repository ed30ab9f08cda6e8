using System.Globalization;

namespace Segmenta.Segmentation;

/// <summary>
/// The words hosts accept for the segmentation options, parsed once here so the command line and the dashboard agree;
/// errors name the property (<c>Segmentation.K</c>) for the host to show in its own words.
/// </summary>
public sealed partial record SegmentationOptions
{
    /// <summary>The prefix of this stage's options in the run's options.</summary>
    public const string Property = "Segmentation";

    /// <summary>An <see cref="InvalidOptionException"/> for one of these options.</summary>
    internal static InvalidOptionException Invalid(string name, string problem) => new($"{Property}.{name}", problem);

    /// <summary>"auto" (choose from the range: null) or a whole number of segments, at least 2.</summary>
    public static int? ParseK(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
        {
            throw Invalid(nameof(K), $"give a whole number of segments or auto; got '{text}'.");
        }
        if (k < 2)
        {
            throw Invalid(nameof(K), $"must be 2 or more (or auto): one segment would be the whole base; got {k}.");
        }
        return k;
    }

    /// <summary>"MIN..MAX", e.g. 2..10.</summary>
    public static (int Min, int Max) ParseKRange(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split("..");
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) || min < 2 || max < min)
        {
            throw Invalid("KRange", $"expected MIN..MAX with MIN at least 2, e.g. 2..10; got '{text}'.");
        }
        return (min, max);
    }

    /// <summary>kmeans (k-means) or gmm (mixture).</summary>
    public static ClusteringAlgorithm ParseAlgorithm(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "kmeans" or "k-means" => ClusteringAlgorithm.KMeans,
        "gmm" or "mixture" => ClusteringAlgorithm.GaussianMixture,
        _ => throw Invalid(nameof(Algorithm), $"use kmeans or gmm; got '{text}'."),
    };

    /// <summary>standard or robust.</summary>
    public static Scaling ParseScaling(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "standard" => Scaling.Standard,
        "robust" => Scaling.Robust,
        _ => throw Invalid(nameof(Scaling), $"use standard or robust; got '{text}'."),
    };

    /// <summary>full or diag (diagonal).</summary>
    public static CovarianceType ParseCovariance(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "full" => CovarianceType.Full,
        "diag" or "diagonal" => CovarianceType.Diagonal,
        _ => throw Invalid(nameof(Covariance), $"use full or diag; got '{text}'."),
    };

    /// <summary>A positive number of scaled units, or off (null).</summary>
    public static double? ParseExtremeThreshold(string text)
    {
        var trimmed = text?.Trim().ToLowerInvariant();
        if (trimmed is "off" or "none")
        {
            return null;
        }
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var units) && units > 0
            ? units
            : throw Invalid(nameof(ExtremeThreshold), $"give a positive number of scaled units (e.g. 5) or off; got '{text}'.");
    }

    /// <summary>Comma-separated feature names (snake_case columns of the customers table), lower-cased.</summary>
    public static IReadOnlyList<string> ParseFeatures(IEnumerable<string> names)
    {
        var list = names.SelectMany(n => (n ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(n => n.ToLowerInvariant()).Distinct().ToList();
        return list.Count == 0 ? throw Invalid(nameof(Features), "name at least one customer feature, e.g. recency,frequency,monetary.") : list;
    }
}
