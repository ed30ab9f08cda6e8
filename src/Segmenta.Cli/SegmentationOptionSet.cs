using System.CommandLine;
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

    /// <summary>The options with only what was given on the command line changed from <paramref name="baseline"/> (the defaults, or the stored run's).</summary>
    internal SegmentationOptions? Read(ParseResult parse, SegmentationOptions? baseline)
    {
        if (parse.GetValue(NoClusters))
        {
            return null;
        }
        var options = baseline ?? new SegmentationOptions();
        if (parse.Given(KRange))
        {
            var (min, max) = SegmentationOptions.ParseKRange(parse.GetValue(KRange)!);
            options = options with { MinK = min, MaxK = max };
        }
        return options with
        {
            Algorithm = parse.Given(Algorithm) ? SegmentationOptions.ParseAlgorithm(parse.GetValue(Algorithm)!) : options.Algorithm,
            K = parse.Given(K) ? SegmentationOptions.ParseK(parse.GetValue(K)!) : options.K,
            Features = parse.Given(Features) ? SegmentationOptions.ParseFeatures([parse.GetValue(Features)!]) : options.Features,
            Scaling = parse.Given(Scaling) ? SegmentationOptions.ParseScaling(parse.GetValue(Scaling)!) : options.Scaling,
            WinsorizePercentile = parse.Given(Winsorize) ? parse.GetValue(Winsorize) : options.WinsorizePercentile,
            Seed = parse.Given(Seed) ? parse.GetValue(Seed) : options.Seed,
            MinSegmentShare = parse.Given(MinSegmentShare) ? parse.GetValue(MinSegmentShare) : options.MinSegmentShare,
            ExtremeThreshold = parse.Given(ExtremeThreshold) ? SegmentationOptions.ParseExtremeThreshold(parse.GetValue(ExtremeThreshold)!) : options.ExtremeThreshold,
            NInit = parse.Given(NInit) ? parse.GetValue(NInit) : options.NInit,
            Covariance = parse.Given(Covariance) ? SegmentationOptions.ParseCovariance(parse.GetValue(Covariance)!) : options.Covariance,
        };
    }
}
