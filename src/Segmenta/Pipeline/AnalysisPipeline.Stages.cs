using Segmenta.Categories;
using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Features;
using Segmenta.Lifetime;
using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Pipeline;

public static partial class AnalysisPipeline
{
    /// <summary>What a run has done up to the customers table, whichever engine cleaned the lines and computed the features.</summary>
    private sealed record CleanedRun(DateTimeOffset Started, IReadOnlyList<ImportResult> Imports, CleaningReport Cleaning, FeatureSummary Features, string? QuarantineFile);

    /// <summary>
    /// Explore → Categories → Lifetime → Segment → Profile → Recommend → outputs → run log → report: the stages after the
    /// customer features, shared by both engines. <paramref name="beforeLog"/> runs after the outputs are written and
    /// before the run is logged (the PostgreSQL engine writes its results back there) and may add notes;
    /// <paramref name="explore"/> replaces the exploration (the PostgreSQL engine explores where the lines are).
    /// </summary>
    private static AnalysisResult RunAfterFeatures(SegmentaStore store, AnalysisOptions options, CleanedRun run, StepTimer timer, Action<List<string>>? beforeLog = null,
        Func<ExplorationResult>? explore = null)
    {
        var (cleaning, features) = (run.Cleaning, run.Features);
        var steps = timer.Steps;
        var exploration = timer.Step("Exploring", () => explore is null ? Explorer.Run(store, options.Exploration) : explore());
        var categories = timer.Step("Product categories", () => CategoryStage.Run(store, options.Categories));
        var lifetimeNotes = new List<string>();
        var lifetime = timer.Step("Lifetime value", () => TryLifetime(store, options, lifetimeNotes));
        var downstream = RunDownstream(store, options with { Features = options.Features with { AsOf = features.AsOf } }, features.Customers, timer);
        downstream.Notes.AddRange(lifetimeNotes);
        if (categories.Note is { } categoryNote)
        {
            downstream.Notes.Add(categoryNote);
        }
        if (lifetime is not null)
        {
            downstream.Outputs.AddRange(LifetimeOutputs.Write(store, options.OutputDirectory));
        }
        downstream.Outputs.Add(Path.Combine(options.OutputDirectory, "exploration") + Path.DirectorySeparatorChar);
        if (run.QuarantineFile is { } quarantineFile)
        {
            downstream.Outputs.Add(quarantineFile);
        }
        ExplorationOutputs.Write(exploration, options.OutputDirectory);
        CategoryOutputs.WriteExploration(store, options.OutputDirectory);
        beforeLog?.Invoke(downstream.Notes);
        var result = new AnalysisResult(run.Imports, cleaning, features, downstream.Clusters, downstream.Segmentations, downstream.Outputs, store.Path, steps)
        {
            Notes = downstream.Notes,
            Exploration = exploration,
            Recommendations = downstream.Recommendations,
            Lifetime = lifetime,
            Timings = timer.Timings,
            Categories = categories,
        };
        var effective = Effective(options.Stages, result.Features.AsOf, downstream.Currency);
        var runId = RunLog.Record(store, "analyze", run.Started, effective, result.Cleaning.LinesLoaded, result.Cleaning.LinesKept, result.Features.Customers, steps);

        // The report shows the run's options, so it is written last and its time added to the run afterwards.
        var report = timer.Step("Writing report", () => WriteReport(store, Path.Combine(options.OutputDirectory, "report.html"), effective));
        downstream.Outputs.Add(report.Path);
        RunLog.UpdateStepTimes(store, runId, steps);
        RunSteps.Save(store, runId, timer.Timings);
        return result with { Options = effective };
    }
}
