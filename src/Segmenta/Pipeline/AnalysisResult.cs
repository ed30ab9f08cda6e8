using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Features;
using Segmenta.Loading;
using Segmenta.Profiling;
using Segmenta.Segmentation;

namespace Segmenta.Pipeline;

/// <summary>What one analysis run did, for the terminal summary and the run log.</summary>
public sealed record AnalysisResult(
    IReadOnlyList<ImportResult> Imports,
    CleaningReport Cleaning,
    FeatureSummary Features,
    SegmentationResult? Clusters,
    IReadOnlyList<ProfiledSegmentation> Segmentations,
    IReadOnlyList<string> OutputFiles,
    string DatabasePath,
    IReadOnlyList<(string Step, TimeSpan Elapsed)> Steps)
{
    /// <summary>The exploration tables (monthly, products, countries, customers, cohorts).</summary>
    public ExplorationResult? Exploration { get; init; }

    /// <summary>Recommendations and their offline evaluation (null when not computed).</summary>
    public Recommending.RecommendationResult? Recommendations { get; init; }

    /// <summary>Lifetime value fits and predictions (null when skipped).</summary>
    public Lifetime.LifetimeResult? Lifetime { get; init; }

    /// <summary>Wall time, CPU time and peak memory of every step, in order (also stored in table run_steps).</summary>
    public IReadOnlyList<StepTiming> Timings { get; init; } = [];
    /// <summary>The effective options the run recorded (as-of date and currency resolved).</summary>
    public RunOptions Options { get; init; } = new();
    /// <summary>Product categories and the category table (its <c>Note</c> says why when skipped).</summary>
    public Categories.CategoryResult? Categories { get; init; }

    /// <summary>Things the user should know about the run (e.g. a stage skipped and why).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Total wall time of the steps.</summary>
    public TimeSpan Elapsed => Timings.Count > 0 ? StepTiming.Covered(Timings) : Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Elapsed);
}
