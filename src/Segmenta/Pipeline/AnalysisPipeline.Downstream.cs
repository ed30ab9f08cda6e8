using Segmenta.Categories;
using Segmenta.Features;
using Segmenta.Profiling;
using Segmenta.Recommending;
using Segmenta.Reporting;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Pipeline;

public static partial class AnalysisPipeline
{
    /// <summary>
    /// <c>segmenta segment</c>: re-segments the customers already in the store (no import, cleaning or features), then
    /// profiles, writes the outputs and the report again. Options other than segmentation, profiling and report are ignored.
    /// </summary>
    /// <param name="options">Where the store and outputs are, and the segmentation, profiling and report options.</param>
    /// <param name="onStep">Told when each step starts.</param>
    /// <param name="clock">Time source for the run log.</param>
    /// <param name="writeReport">False skips rewriting report.html (the dashboard re-runs interactively; segmenta report regenerates it).</param>
    public static ResegmentResult Resegment(AnalysisOptions options, Action<string>? onStep = null, TimeProvider? clock = null, bool writeReport = true)
    {
        clock ??= TimeProvider.System;
        var started = clock.GetUtcNow();
        var path = options.ResolvedDatabasePath;
        if (!File.Exists(path))
        {
            throw new SegmentaException($"No database at {path}. Run segmenta analyze FILE --out DIR first, or give --db.");
        }
        options.Segmentation?.Validate();
        options.Recommendation?.Validate();
        OptionChecks.PrepareFolder(options.OutputDirectory, "--out");
        using var store = SegmentaStore.Open(path);
        if (!store.HasTable("customers"))
        {
            throw new SegmentaException($"The database {path} has no customers yet. Run segmenta analyze FILE --db {path} first.");
        }
        var timer = new StepTimer(onStep);
        var customers = store.Scalar<long>("SELECT count(*) FROM customers");
        var downstream = RunDownstream(store, options, customers, timer);
        var runId = RecordResegment(store, options, customers, started, timer.Steps);
        if (writeReport)
        {
            var report = timer.Step("Writing report", () => ReportWriter.Write(store, Path.Combine(options.OutputDirectory, "report.html"), options.Report with { Currency = downstream.Currency }));
            downstream.Outputs.Add(report.Path);
        }
        UpdateStepTimes(store, runId, timer.Steps);
        return new ResegmentResult(downstream.Clusters, downstream.Segmentations, downstream.Outputs, store.Path, timer.Steps)
        {
            Notes = downstream.Notes,
            Recommendations = downstream.Recommendations,
        };
    }

    private sealed record Downstream(SegmentationResult? Clusters, IReadOnlyList<ProfiledSegmentation> Segmentations, List<string> Outputs, List<string> Notes, string Currency)
    {
        public RecommendationResult? Recommendations { get; init; }
    }

    /// <summary>Segment → Profile → outputs: what analyze and segment share once the customers table exists.</summary>
    private static Downstream RunDownstream(SegmentaStore store, AnalysisOptions options, long customers, StepTimer timer)
    {
            var currency = options.Report.Currency ?? CurrencyGuess.For(store);
            SegmentMembership.EnsureTable(store);
            var notes = new List<string>();
            OptionChecks.K(options.Segmentation, customers, notes);
            SegmentationResult? clusters = null;
            if (options.Segmentation is { } segmentation)
            {
                if (customers >= SegmentationStage.MinimumCustomers)
                {
                    clusters = timer.Step("Segmenting customers", () => SegmentationStage.Run(store, segmentation));
                }
                else
                {
                    SegmentationStage.Clear(store);
                    notes.Add($"Clustering skipped: {customers} customer(s), fewer than the {SegmentationStage.MinimumCustomers} needed for segments to mean anything; RFM segments are still given.");
                }
            }
            var segmentations = timer.Step("Profiling segments", () => CategoryStage.AddPreferences(
                store, Profiler.Run(store, options.Profiling with { Currency = currency }), options.Categories));
            var recommendations = options.Recommendation is { } recommending ? timer.Step("Recommending", () => TryRecommend(store, recommending, notes)) : null;
            var outputs = timer.Step("Writing outputs", () =>
            {
                var primary = segmentations.First();
                var files = new List<string>
                {
                    OutputWriter.WriteCustomers(store, options.OutputDirectory),
                    OutputWriter.WriteCleaningReport(store, options.OutputDirectory),
                    ProfileOutputs.WriteSegments(segmentations, options.OutputDirectory),
                    ProfileOutputs.WriteInsights(segmentations, options.OutputDirectory, currency),
                    Path.GetDirectoryName(ProfileOutputs.WriteActivation(store, primary, options.OutputDirectory)[0])! + Path.DirectorySeparatorChar,
                };
                if (CategoryOutputs.WritePreferences(store, options.OutputDirectory) is { } categoryPreferences)
                {
                    files.Add(categoryPreferences);
                }
                // The RFM segments are the campaign lists the report's summary recommends, so they get lists of their own beside the clusters'.
                if (segmentations.FirstOrDefault(s => s.Segmentation == SegmentMembership.Rfm) is { } rfm && rfm != primary)
                {
                    ProfileOutputs.WriteActivation(store, rfm, options.OutputDirectory, primary: false);
                }
                if (clusters is not null)
                {
                    var names = primary.Segments.OrderBy(s => s.Profile.SegmentId).Select(s => s.Name).ToList();
                    files.Add(SegmentationStage.WriteModel(clusters, names, options.OutputDirectory));
                SegmentationStage.SaveNames(store, clusters, names);
                    if (SegmentationStage.WriteModelSelection(clusters, options.OutputDirectory) is { } selection)
                    {
                        files.Add(selection);
                    }
                }
                return files;
            });
        if (recommendations is not null)
        {
            outputs.AddRange(RecommendationOutputs.Write(recommendations, options.OutputDirectory));
        }
        return new Downstream(clusters, segmentations, outputs, notes, currency) { Recommendations = recommendations };
    }

    /// <summary>
    /// Recommendations need enough history on both sides of the cut-off; a small or short file is still analysed,
    /// with a note saying why there are no recommendations instead of failing the whole run.
    /// </summary>
    private static RecommendationResult? TryRecommend(SegmentaStore store, RecommendationOptions options, List<string> notes)
    {
        try
        {
            return Recommender.Run(store, options);
        }
        catch (SegmentaException e)
        {
            notes.Add($"Recommendations skipped: {e.Message}");
            store.Execute("DROP TABLE IF EXISTS recommendations; DROP TABLE IF EXISTS recommendation_evaluation; DROP TABLE IF EXISTS product_associations");
            return null;
        }
    }

    /// <summary>Logs a segment run with the options of the last analyze run, its segmentation replaced.</summary>
    private static long RecordResegment(SegmentaStore store, AnalysisOptions options, long customers, DateTimeOffset started, List<(string Step, TimeSpan Elapsed)> steps)
    {
        var runId = (store.Scalar<long?>("SELECT max(run_id) FROM runs") ?? 0) + 1;
        var last = store.Scalar<string>("SELECT options FROM runs ORDER BY run_id DESC LIMIT 1");
        var json = (last is null ? null : System.Text.Json.Nodes.JsonNode.Parse(last) as System.Text.Json.Nodes.JsonObject) ?? [];
        json["segmentation"] = System.Text.Json.JsonSerializer.SerializeToNode(SegmentationOptionsJson(options.Segmentation));
        store.Execute(
            "INSERT INTO runs VALUES ($id, 'segment', $at, $options, NULL, NULL, $customers, $seconds, $steps)",
            ("id", runId), ("at", started.UtcDateTime), ("options", json.ToJsonString()), ("customers", customers),
            ("seconds", steps.Sum(s => s.Elapsed.TotalSeconds)), ("steps", StepsJson(steps)));
        return runId;
    }
}
