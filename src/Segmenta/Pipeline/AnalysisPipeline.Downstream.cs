using Segmenta.Categories;
using Segmenta.Cleaning;
using Segmenta.Features;
using Segmenta.Lifetime;
using Segmenta.Profiling;
using Segmenta.Recommending;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Pipeline;

public static partial class AnalysisPipeline
{
    /// <summary>
    /// <c>segmenta segment</c>: re-segments the customers already in the store (no import, cleaning or features), then
    /// profiles, recommends, writes the outputs and the report again. The segmentation, profiling, recommendation and
    /// report options come from <paramref name="options"/> (a host builds them from <see cref="RunLog.LastOptions(SegmentaStore)"/>
    /// and changes only what its user changed); the other stages' options are those of the stored run, and the run is
    /// logged with all of them.
    /// </summary>
    /// <param name="options">Where the store and outputs are, and the options of the stages that run again.</param>
    /// <param name="onStep">Told when each step starts.</param>
    /// <param name="clock">Time source for the run log.</param>
    /// <param name="writeReport">False skips rewriting report.html (the dashboard re-runs interactively; segmenta report regenerates it).</param>
    /// <param name="recommend">False leaves the recommendations to the caller (the dashboard refreshes them in the background) while still recording their options.</param>
    public static ResegmentResult Resegment(AnalysisOptions options, Action<string>? onStep = null, TimeProvider? clock = null, bool writeReport = true, bool recommend = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        clock ??= TimeProvider.System;
        var started = clock.GetUtcNow();
        var path = options.ResolvedDatabasePath;
        SegmentaStore.RequireExisting(path);
        options.Segmentation?.Validate();
        options.Recommendation?.Validate();
        OptionChecks.PrepareFolder(options.OutputDirectory, "--out");
        using var store = SegmentaStore.Open(path);
        AnalysisSchema.RequireCustomers(store, path);
        using var share = EngineLimits.CustomerSteps(store);
        var stored = RunLog.LastOptions(store) ?? new RunOptions();
        // A PostgreSQL run's lines stay on its servers: profiling and the category preferences read them there.
        var server = LinesOfStoredRun(store, path, "segment", options);
        var timer = new StepTimer(onStep);
        var customers = store.Scalar<long>("SELECT count(*) FROM customers");
        var downstreamOptions = (recommend ? options : options with { Recommendation = null }).With(stored with
        {
            Segmentation = options.Segmentation, Profiling = options.Profiling, Recommendation = recommend ? options.Recommendation : null, Report = options.Report,
        });
        var plan = PrepareDownstream(store, downstreamOptions, customers);
        var branches = new StepBranches(store, RunsConcurrently(options), CancellationToken.None);
        var firstStep = timer.Steps.Count;
        DownstreamSteps steps;
        try
        {
            steps = StartDownstream(branches, downstreamOptions, plan, timer, lifetime: null, categories: null, server?.Stages);
        }
        catch
        {
            branches.Join(callerFailed: true);
            throw;
        }
        branches.Join();
        timer.Reorder(firstStep, StepOrder.Names);
        var downstream = FinishDownstream(plan, steps);
        server?.WriteSegmentsBack(store, timer, downstream.Notes);
        var effective = stored with
        {
            Segmentation = options.Segmentation,
            Profiling = options.Profiling with { Currency = downstream.Currency },
            Recommendation = options.Recommendation,
            Report = options.Report with { Currency = downstream.Currency },
        };
        var runId = RunLog.Record(store, "segment", started, effective, null, null, customers, timer.Steps, StepTiming.Covered(timer.Timings));
        if (writeReport)
        {
            var report = timer.Step("Writing report", () => WriteReport(store, Path.Combine(options.OutputDirectory, "report.html"), effective));
            downstream.Outputs.Add(report.Path);
        }
        RunLog.UpdateStepTimes(store, runId, timer.Steps, StepTiming.Covered(timer.Timings));
        RunSteps.Save(store, runId, timer.Timings);
        return new ResegmentResult(downstream.Clusters, downstream.Segmentations, downstream.Outputs, store.Path, timer.Steps)
        {
            Timings = timer.Timings,
            Notes = downstream.Notes,
            Recommendations = downstream.Recommendations,
            Options = effective,
        };
    }

    /// <summary>
    /// <c>segmenta recommend</c>: recomputes every customer's recommendations and the offline evaluation with
    /// <paramref name="options"/> (a host starts from the stored run's and changes only what its user changed), writes
    /// the recommendation outputs to <paramref name="outputDirectory"/> and logs the run with them.
    /// </summary>
    public static (RecommendationResult Result, IReadOnlyList<string> Outputs) Recommend(string databasePath, string outputDirectory, RecommendationOptions options, Action<string>? onStep = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        clock ??= TimeProvider.System;
        var started = clock.GetUtcNow();
        SegmentaStore.RequireExisting(databasePath);
        options.Validate();
        using var store = SegmentaStore.Open(databasePath);
        AnalysisSchema.RequireCustomers(store, databasePath);
        using var trace = MemoryTrace.StartIfAsked(store);
        var stored = RunLog.LastOptions(store) ?? new RunOptions();
        var timer = new StepTimer(onStep);
        var result = timer.Step("Recommending", () => Recommender.Run(store, options));
        var outputs = timer.Step("Writing outputs", () => RecommendationOutputs.Write(result, outputDirectory));
        RunLog.Record(store, "recommend", started, stored with { Recommendation = options }, null, null, store.Scalar<long>("SELECT count(*) FROM customers"), timer.Steps);
        return (result, outputs);
    }

    private sealed record Downstream(SegmentationResult? Clusters, IReadOnlyList<ProfiledSegmentation> Segmentations, List<string> Outputs, List<string> Notes, string Currency)
    {
        public RecommendationResult? Recommendations { get; init; }
    }

    /// <summary>
    /// What the steps after the customers table need before they start: the currency, the notes on k, and whether the
    /// recommendations read the purchases beside profiling (<paramref name="RecommendWithProfiling"/>).
    /// </summary>
    private sealed record DownstreamPlan(string Currency, long Customers, List<string> Notes, bool RecommendWithProfiling);

    /// <summary>The steps after the customers table, started (they may still be running).</summary>
    private sealed record DownstreamSteps(
        Task<SegmentationResult?> Clusters, Task<IReadOnlyList<ProfiledSegmentation>> Segmentations, Task<(RecommendationResult? Result, IReadOnlyList<string> Files, List<string> Notes)> Recommendations,
        Task<List<string>> Outputs);

    private static DownstreamPlan PrepareDownstream(SegmentaStore store, AnalysisOptions options, long customers)
    {
        var currency = options.Report.Currency ?? CurrencyGuess.For(store);
        SegmentMembership.EnsureTable(store);
        var notes = new List<string>();
        OptionChecks.K(options.Segmentation, customers, notes);
        if (options.Segmentation is not null && customers < SegmentationStage.MinimumCustomers)
        {
            notes.Add($"Clustering skipped: {customers} customer(s), fewer than the {SegmentationStage.MinimumCustomers} needed for segments to mean anything; RFM segments are still given.");
        }
        // Only a small log (the size at which recommending already fits side by side): while it reads the purchases the stage
        // lowers DuckDB's limit (EngineMemoryLease), which profiling's statements beside would then share; at 10M lines it
        // was measured level (docs/benchmarks.md, session 16 mid), at 100M not measured.
        var withProfiling = PurchaseTables.IsCurrent(store) && ReferenceDayFits.FitsAtOnce((int)Math.Min(int.MaxValue, PurchaseTables.Count(store)));
        return new DownstreamPlan(currency, customers, notes, withProfiling);
    }

    /// <summary>
    /// Segment → Profile → (category preferences, Recommend) → outputs: what analyze and segment share once the customers
    /// table exists. Profiling reads the lifetime values (<paramref name="lifetime"/>) and the segments; the category
    /// preferences read the product categories (<paramref name="categories"/>); the recommendations of a small log start
    /// with profiling and read the purchases beside it, waiting for the segment names it gives only before they read the
    /// segments (<see cref="DownstreamPlan.RecommendWithProfiling"/>).
    /// </summary>
    private static DownstreamSteps StartDownstream(StepBranches branches, AnalysisOptions options, DownstreamPlan plan, StepTimer timer,
        Task<LifetimeResult?>? lifetime, Task<CategoryResult>? categories, LinesElsewhere? elsewhere = null)
    {
        var currency = plan.Currency;
        var clusters = branches.Start(StepOrder.Segmenting, store =>
        {
            if (options.Segmentation is not { } segmentation)
            {
                return null;
            }
            if (plan.Customers < SegmentationStage.MinimumCustomers)
            {
                SegmentationStage.Clear(store);
                return (SegmentationResult?)null;
            }
            return timer.Step("Segmenting customers", () => SegmentationStage.Run(store, segmentation, elsewhere?.Customers));
        });
        var profiled = branches.Start(StepOrder.Profiling, store => timer.Step("Profiling segments", () => Profiler.Run(store, options.Profiling with { Currency = currency }, elsewhere?.TopProducts)),
            Prerequisites(clusters, lifetime));
        var segmentations = branches.Start(StepOrder.CategoryPreferences, store => timer.Step("Category preferences", () =>
            CategoryStage.AddPreferences(store, StepBranches.Result(profiled), options.Categories, null, elsewhere?.Categories)), Prerequisites(profiled, categories));
        var recommendations = branches.Start(StepOrder.Recommending, store =>
        {
            var notes = new List<string>();
            if (options.Recommendation is not { } recommending)
            {
                return (null, [], notes);
            }
            // A small log starts with profiling: the purchases are read beside it (with one DuckDB thread each while the steps
            // overlap, profiling alone would leave a core idle), and only the segments' labels wait for the names it gives
            // (a larger one starts after profiling, the wait then returning at once). Starting
            // the whole stage beside profiling with the segments labelled by id was measured slower on two cores
            // (docs/benchmarks.md, session 7) and removed.
            IReadOnlyList<string> files = [];
            // The files are written beside the store's tables when the shop is small (Recommender.RunThen).
            var result = timer.Step("Recommending", () => TryRecommend(store, recommending, notes, r => files = RecommendationOutputs.Write(r, options.OutputDirectory),
                () => profiled.GetAwaiter().GetResult()));
            return (result, files, notes);
        }, plan.RecommendWithProfiling ? Prerequisites(clusters, lifetime) : Prerequisites(profiled));
        var outputs = branches.Start(StepOrder.WritingOutputs, store => timer.Step("Writing outputs", () =>
            WriteOutputs(store, options, currency, StepBranches.Result(clusters), StepBranches.Result(segmentations))), Prerequisites(segmentations, lifetime));
        return new DownstreamSteps(clusters, segmentations, recommendations, outputs);
    }

    private static Task[] Prerequisites(params Task?[] steps) => [.. steps.OfType<Task>()];

    /// <summary>The results of the downstream steps, once they all succeeded, with the notes and outputs in run order.</summary>
    private static Downstream FinishDownstream(DownstreamPlan plan, DownstreamSteps steps)
    {
        var (recommendations, recommendationFiles, recommendationNotes) = StepBranches.Result(steps.Recommendations);
        var outputs = StepBranches.Result(steps.Outputs);
        outputs.AddRange(recommendationFiles);
        return new Downstream(StepBranches.Result(steps.Clusters), StepBranches.Result(steps.Segmentations), outputs, [.. plan.Notes, .. recommendationNotes], plan.Currency)
        {
            Recommendations = recommendations,
        };
    }

    /// <summary>customers.csv, cleaning.csv, the segments, insights, activation lists, category preferences and the model.</summary>
    private static List<string> WriteOutputs(SegmentaStore store, AnalysisOptions options, string currency, SegmentationResult? clusters, IReadOnlyList<ProfiledSegmentation> segmentations)
    {
        var primary = segmentations.First();
        var files = new List<string>
        {
            OutputWriter.WriteCustomers(store, options.OutputDirectory),
            OutputWriter.WriteCleaningReport(store, options.OutputDirectory),
            ProfileOutputs.WriteSegments(segmentations, options.OutputDirectory),
            ProfileOutputs.WriteInsights(segmentations, options.OutputDirectory, currency),
            Path.GetDirectoryName(ProfileOutputs.WriteActivation(store, primary, options.OutputDirectory, order: options.Profiling.ActivationOrder)[0])! + Path.DirectorySeparatorChar,
        };
        if (CategoryOutputs.WritePreferences(store, options.OutputDirectory) is { } categoryPreferences)
        {
            files.Add(categoryPreferences);
        }
        // The RFM segments are the campaign lists the report's summary recommends, so they get lists of their own beside the clusters'.
        if (segmentations.FirstOrDefault(s => s.Segmentation == SegmentationKind.Rfm) is { } rfm && rfm != primary)
        {
            ProfileOutputs.WriteActivation(store, rfm, options.OutputDirectory, primary: false, order: options.Profiling.ActivationOrder);
        }
        if (clusters is not null)
        {
            var names = primary.Segments.OrderBy(s => s.Profile.SegmentId).Select(s => s.Name).ToList();
            // What scoring needs to measure new data as the fitted customers were: the as-of date and the cleaning.
            var model = clusters.Model with { SegmentNames = names, AsOf = options.Features.AsOf, Cleaning = options.Cleaning };
            files.Add(SegmentationStage.WriteModel(model, options.OutputDirectory));
            SegmentationStage.SaveModel(store, model);
            if (SegmentationStage.WriteModelSelection(clusters, options.OutputDirectory) is { } selection)
            {
                files.Add(selection);
            }
        }
        return files;
    }

    /// <summary>
    /// Recommendations need enough history on both sides of the cut-off; a small or short file is still analysed,
    /// with a note saying why there are no recommendations instead of failing the whole run.
    /// </summary>
    private static RecommendationResult? TryRecommend(SegmentaStore store, RecommendationOptions options, List<string> notes, Action<RecommendationResult> writeFiles, Action segmentsNamed)
    {
        try
        {
            return Recommender.RunThen(store, options, writeFiles, segmentsNamed);
        }
        catch (SegmentaException e)
        {
            notes.Add($"Recommendations skipped: {e.Message}");
            store.Execute("DROP TABLE IF EXISTS recommendations; DROP TABLE IF EXISTS recommendation_evaluation; DROP TABLE IF EXISTS product_associations; DROP TABLE IF EXISTS recommendation_new_picks");
            return null;
        }
    }
}
