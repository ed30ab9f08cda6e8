using Segmenta.Profiling;
using Segmenta.Segmentation;

namespace Segmenta.Pipeline;

/// <summary>What <c>segmenta segment</c> did on an existing store.</summary>
public sealed record ResegmentResult(
    SegmentationResult? Clusters,
    IReadOnlyList<ProfiledSegmentation> Segmentations,
    IReadOnlyList<string> OutputFiles,
    string DatabasePath,
    IReadOnlyList<(string Step, TimeSpan Elapsed)> Steps)
{
    /// <summary>Recommendations and their offline evaluation (null when not computed).</summary>
    public Recommending.RecommendationResult? Recommendations { get; init; }

    /// <summary>Wall time, CPU time and peak memory of every step, in order (also stored in table run_steps).</summary>
    public IReadOnlyList<StepTiming> Timings { get; init; } = [];
    /// <summary>The effective options the run recorded (every stage's, with the stored ones of the stages it did not run).</summary>
    public RunOptions Options { get; init; } = new();

    /// <summary>Things the user should know about the run (e.g. clustering skipped and why).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Total wall time of the steps.</summary>
    public TimeSpan Elapsed => Timings.Count > 0 ? StepTiming.Covered(Timings) : Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Elapsed);
}
