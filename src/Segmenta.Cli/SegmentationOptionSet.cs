using System.CommandLine;
using System.Globalization;
using Segmenta.Segmentation;

namespace Segmenta.Cli;

/// <summary>The clustering options, shared by analyze and segment.</summary>
internal sealed class SegmentationOptionSet
{
    internal Option<string> Algorithm { get; } = new("--algorithm") { Description = "kmeans or gmm (Gaussian mixture, with membership probabilities).", DefaultValueFactory = _ => "kmeans" };

    internal Option<string> K { get; } = new("--k") { Description = "Number of segments, or auto to choose from --k-range.", DefaultValueFactory = _ => "auto" };

    internal Option<string> KRange { get; } = new("--k-range") { Description = "Range of k tried by auto, as MIN..MAX.", DefaultValueFactory = _ => "2..10" };

    internal Option<string?> Features { get; } = new("--features") { Description = "Comma-separated customer features to cluster on (any numeric column of customers.csv, snake_case). Default: recency,frequency,monetary." };

    internal Option<string> Scaling { get; } = new("--scaling") { Description = "standard (mean/std) or robust (median/IQR), after each feature's fixed transform (log1p for counts and days, signed log1p for money).", DefaultValueFactory = _ => "standard" };

    internal Option<double?> Winsorize { get; } = new("--winsorize") { Description = "Clip features at this percentile and its mirror (e.g. 99) so extreme customers cannot capture a segment. Default: off." };

    internal Option<int> Seed { get; } = new("--seed") { Description = "Seed of every random step.", DefaultValueFactory = _ => 0 };

    internal Option<int> NInit { get; } = new("--n-init") { Description = "K-Means restarts (lowest inertia wins).", DefaultValueFactory = _ => 10 };

    internal Option<string> Covariance { get; } = new("--covariance") { Description = "Mixture covariance: full or diag.", DefaultValueFactory = _ => "full" };

    internal Option<double> MinSegmentShare { get; } = new("--min-segment-share") { Description = "With --k auto, a k whose smallest segment holds less than this share of customers is set aside (0.02 = 2 %).", DefaultValueFactory = _ => 0.02 };

    internal Option<string> ExtremeThreshold { get; } = new("--extreme-threshold") { Description = "Customers beyond this many scaled units on some feature (after the log transform) are reported as a group outside the clusters when they are fewer than --min-segment-share; off to cluster everyone.", DefaultValueFactory = _ => "5" };

    internal Option<bool> NoClusters { get; } = new("--no-clusters") { Description = "Skip clustering: RFM segments only." };

    internal void AddTo(Command command)
    {
        foreach (var option in new Option[] { Algorithm, K, KRange, Features, Scaling, Winsorize, Seed, NInit, Covariance, MinSegmentShare, ExtremeThreshold, NoClusters })
        {
            command.Add(option);
        }
    }

    internal SegmentationOptions? Read(ParseResult parse)
    {
        if (parse.GetValue(NoClusters))
        {
            return null;
        }
        var range = parse.GetValue(KRange)!.Split("..");
        if (range.Length != 2 || !int.TryParse(range[0], CultureInfo.InvariantCulture, out var min) || !int.TryParse(range[1], CultureInfo.InvariantCulture, out var max))
        {
            throw new SegmentaException($"--k-range {parse.GetValue(KRange)}: expected MIN..MAX, e.g. 2..10.");
        }
        var k = parse.GetValue(K)!;
        int? fixedK = k.Equals("auto", StringComparison.OrdinalIgnoreCase) ? null
            : int.TryParse(k, CultureInfo.InvariantCulture, out var value) ? value
            : throw new SegmentaException($"--k {k}: give a number or auto.");
        return new SegmentationOptions
        {
            Algorithm = parse.GetValue(Algorithm)!.ToLowerInvariant() switch
            {
                "kmeans" or "k-means" => ClusteringAlgorithm.KMeans,
                "gmm" or "mixture" => ClusteringAlgorithm.GaussianMixture,
                var other => throw new SegmentaException($"--algorithm {other}: use kmeans or gmm."),
            },
            K = fixedK,
            MinK = min,
            MaxK = max,
            Features = parse.GetValue(Features) is { } f
                ? f.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(x => x.ToLowerInvariant()).ToList()
                : SegmentationOptions.DefaultFeatures,
            Scaling = parse.GetValue(Scaling)!.ToLowerInvariant() switch
            {
                "standard" => Segmentation.Scaling.Standard,
                "robust" => Segmentation.Scaling.Robust,
                var other => throw new SegmentaException($"--scaling {other}: use standard or robust."),
            },
            WinsorizePercentile = parse.GetValue(Winsorize),
            Seed = parse.GetValue(Seed),
            MinSegmentShare = parse.GetValue(MinSegmentShare),
            ExtremeThreshold = parse.GetValue(ExtremeThreshold)!.ToLowerInvariant() switch
            {
                "off" or "none" => null,
                var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var units) => units,
                var other => throw new SegmentaException($"--extreme-threshold {other}: give a number of scaled units (e.g. 5) or off."),
            },
            NInit = parse.GetValue(NInit),
            Covariance = parse.GetValue(Covariance)!.ToLowerInvariant() switch
            {
                "full" => CovarianceType.Full,
                "diag" or "diagonal" => CovarianceType.Diagonal,
                var other => throw new SegmentaException($"--covariance {other}: use full or diag."),
            },
        };
    }
}
