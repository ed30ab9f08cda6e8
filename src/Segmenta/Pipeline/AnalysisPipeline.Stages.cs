using Segmenta.Categories;
using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Features;
using Segmenta.Lifetime;
using Segmenta.Loading;
using Segmenta.Reporting;
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
    /// <paramref name="elsewhere"/> does the line-level work of the exploration, categories and profiles where the lines
    /// are (the PostgreSQL engine).
    /// </summary>
    private static AnalysisResult RunAfterFeatures(SegmentaStore store, AnalysisOptions options, CleanedRun run, StepTimer timer, Action<List<string>>? beforeLog = null,
        LinesElsewhere? elsewhere = null, CancellationToken cancellation = default)
    {
        var (cleaning, features) = (run.Cleaning, run.Features);
        // Nothing runs yet: DuckDB's smaller share for the customer-level steps takes hold (and frees what it held above).
        using var share = EngineLimits.CustomerSteps(store);
        AnalysisSchema.Stamp(store);
        var steps = timer.Steps;
        var lifetimeNotes = new List<string>();
        var lifetimeFiles = new List<string>();
        // Exploring, categories and lifetime value read the cleaned lines and customers only; they run beside the segments.
        var concurrent = RunsConcurrently(options);
        using var threads = OverlappingSteps.OneEngineThreadEach(store, concurrent);
        var branches = new StepBranches(store, concurrent, cancellation);
        var firstStep = steps.Count;
        var downstreamOptions = options with { Features = options.Features with { AsOf = features.AsOf } };
        var plan = PrepareDownstream(store, downstreamOptions, features.Customers);
        var effective = Effective(options.Stages, features.AsOf, plan.Currency);
        Task<ExplorationResult> exploring;
        Task<CategoryResult> categorising;
        Task<LifetimeResult?> valuing;
        DownstreamSteps downstreamSteps;
        Task<ReportWriter.ReportDraft>? drawing = null;
        try
        {
            exploring = branches.Start(StepOrder.Exploring, s =>
            {
                var result = timer.Step("Exploring", () => elsewhere is null ? Explorer.Run(s, options.Exploration) : elsewhere.Explore(s));
                ExplorationOutputs.Write(result, options.OutputDirectory);
                return result;
            });
            categorising = branches.Start(StepOrder.Categories, s =>
            {
                var result = timer.Step("Product categories", () => CategoryStage.Run(s, options.Categories, elsewhere?.Categories));
                CategoryOutputs.WriteExploration(s, options.OutputDirectory);
                return result;
            });
            valuing = branches.Start(StepOrder.Lifetime, s =>
            {
                var result = timer.Step("Lifetime value", () => TryLifetime(s, options, lifetimeNotes, elsewhere?.Lifetime));
                if (result is not null)
                {
                    // From the stage's own tables, which nothing later changes: written here rather than after every step.
                    lifetimeFiles.AddRange(LifetimeOutputs.Write(s, options.OutputDirectory));
                }
                return result;
            });
            downstreamSteps = StartDownstream(branches, downstreamOptions, plan, timer, valuing, categorising, elsewhere);
            if (elsewhere is null && beforeLog is null)
            {
                // Every table the report shows but the recommendations' is written once the category preferences are: its
                // queries and charts (one thread, most of its time) run beside the recommendations instead of after them,
                // and beside the outputs, which write files and only rename the stored model's segments (the report reads
                // its transform, which that leaves as segmenting wrote it).
                drawing = branches.Start(StepOrder.DrawingReport, s => timer.Step("Drawing report", () => DrawReport(s, effective)),
                    Prerequisites(downstreamSteps.Segmentations, exploring, categorising, valuing));
            }
        }
        catch
        {
            branches.Join(callerFailed: true);
            throw;
        }
        branches.Join();
        var downstream = FinishDownstream(plan, downstreamSteps);
        timer.Reorder(firstStep, StepOrder.Names);
        var exploration = StepBranches.Result(exploring);
        var categories = StepBranches.Result(categorising);
        var lifetime = StepBranches.Result(valuing);
        downstream.Notes.AddRange(lifetimeNotes);
        if (categories.Note is { } categoryNote)
        {
            downstream.Notes.Add(categoryNote);
        }
        if (lifetime is not null)
        {
            downstream.Outputs.AddRange(lifetimeFiles);
        }
        downstream.Outputs.Add(Path.Combine(options.OutputDirectory, "exploration") + Path.DirectorySeparatorChar);
        if (run.QuarantineFile is { } quarantineFile)
        {
            downstream.Outputs.Add(quarantineFile);
        }
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
        var runId = RunLog.Record(store, "analyze", run.Started, effective, result.Cleaning.LinesLoaded, result.Cleaning.LinesKept, result.Features.Customers, steps, StepTiming.Covered(timer.Timings));

        // The report shows the run's options, so it is written last and its time added to the run afterwards.
        var reportPath = Path.Combine(options.OutputDirectory, "report.html");
        var report = timer.Step("Writing report", () => drawing is null ? WriteReport(store, reportPath, effective) : StepBranches.Result(drawing).Finish(store, reportPath));
        downstream.Outputs.Add(report.Path);
        RunLog.UpdateStepTimes(store, runId, steps, StepTiming.Covered(timer.Timings));
        RunSteps.Save(store, runId, timer.Timings);
        return result with { Options = effective };
    }
}
