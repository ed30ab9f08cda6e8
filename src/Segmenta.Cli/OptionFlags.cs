namespace Segmenta.Cli;

/// <summary>The command-line flag of each option property the core names in its errors (<c>Segmentation.K</c> → <c>--k</c>).</summary>
internal static class OptionFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["Import.ColumnMap"] = "--map",
        ["Import.Encoding"] = "--encoding",
        ["Import.DateFormat"] = "--date-format",
        ["Import.Delimiter"] = "--delimiter",
        ["Cleaning.Preset"] = "--cleaning",
        ["Cleaning.Duplicates"] = "--duplicates",
        ["Cleaning.ExtremeQuantity"] = "--extreme-quantity",
        ["Segmentation.Algorithm"] = "--algorithm",
        ["Segmentation.K"] = "--k",
        ["Segmentation.KRange"] = "--k-range",
        ["Segmentation.Features"] = "--features",
        ["Segmentation.Scaling"] = "--scaling",
        ["Segmentation.WinsorizePercentile"] = "--winsorize",
        ["Segmentation.Seed"] = "--seed",
        ["Segmentation.NInit"] = "--n-init",
        ["Segmentation.Covariance"] = "--covariance",
        ["Segmentation.MinSegmentShare"] = "--min-segment-share",
        ["Segmentation.ExtremeThreshold"] = "--extreme-threshold",
        ["Recommendation.Top"] = "--top",
        ["Recommendation.Mode"] = "--mode",
        ["Recommendation.Cutoff"] = "--cutoff",
        ["Recommendation.Seed"] = "--seed",
        ["Postgres.Connection"] = "--connection",
        ["Postgres.Table"] = "--table",
        ["Postgres.Schema"] = "--schema",
        ["Postgres.Shards"] = "--shard",
        ["Lifetime.HorizonDays"] = "--horizon",
        ["Lifetime.ChurnHorizonDays"] = "--churn-horizon",
        ["Lifetime.DiscountRate"] = "--discount-rate",
        ["Lifetime.CalibrationEnd"] = "--calibration-end",
    };

    /// <summary>The flag, or the property itself for options the command line does not expose.</summary>
    internal static string For(string property) => Flags.GetValueOrDefault(property, property);

    /// <summary>Every mapped property (tests check each names a real option property).</summary>
    internal static IReadOnlyCollection<string> Properties => Flags.Keys;
}
