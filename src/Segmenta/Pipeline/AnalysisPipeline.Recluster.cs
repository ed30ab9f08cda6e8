using Segmenta.Categories;
using Segmenta.Features;
using Segmenta.Profiling;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Pipeline;

public static partial class AnalysisPipeline
{
    /// <summary>
    /// The dashboard's re-run: re-clusters the stored customers with <paramref name="options"/>' segmentation and does
    /// only what the new clustering changes. It profiles the new segmentation alone (the RFM segments and their profiles
    /// did not change), stores its tables and model, and writes its segments.csv, insights.md, model and activation lists
    /// to the output folder.
    /// Recommendations and the report are left to the caller: it can refresh them after showing the new segments.
    /// With too few customers to cluster, it falls back to <see cref="Resegment"/> (which then only clears the clusters);
    /// so it does on a PostgreSQL run's store, whose profiles read the lines on the server (every segmentation is profiled again there).
    /// </summary>
    /// <param name="options">Where the store and outputs are, and the options of the stages that run again.</param>
    /// <param name="onStep">Told when each step starts.</param>
    /// <param name="clock">Time source for the run log.</param>
    /// <param name="cancellation">Stops the run between steps and inside the long ones (the caller undoes its writes).</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static ResegmentResult Recluster(AnalysisOptions options, Action<string>? onStep = null, TimeProvider? clock = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        clock ??= TimeProvider.System;
        var started = clock.GetUtcNow();
        var path = options.ResolvedDatabasePath;
        SegmentaStore.RequireExisting(path);
        if (options.Segmentation is not { } segmentation)
        {
            return Resegment(options, onStep, clock, writeReport: false, recommend: false);
        }
        segmentation.Validate();
        OptionChecks.PrepareFolder(options.OutputDirectory, "--out");
        using var store = SegmentaStore.Open(path);
        using var interrupt = cancellation.Register(store.Interrupt);
        if (!store.HasTable("customers") || !store.HasTable("segment_catalog"))
        {
            throw new SegmentaException($"The database {path} has no profiled customers yet. Run segmenta analyze FILE --db {path} first.");
        }
        AnalysisSchema.RequireCurrent(store, path);
        var customers = store.Scalar<long>("SELECT count(*) FROM customers");
        // Fewer customers than clustering needs, or lines on a PostgreSQL server (where Resegment profiles them).
        if (customers < SegmentationStage.MinimumCustomers || ServerLineFacts.Elsewhere(store))
        {
            store.Dispose();
            return Resegment(options, onStep, clock, writeReport: false, recommend: false);
        }
        OptionChecks.K(segmentation, customers, []);
        var stored = RunLog.LastOptions(store) ?? new RunOptions();
        var timer = new StepTimer(step =>
        {
            cancellation.ThrowIfCancellationRequested();
            onStep?.Invoke(step);
        });
        var currency = options.Report.Currency ?? stored.Profiling.Currency ?? CurrencyGuess.For(store);
        var kind = SegmentationKinds.Of(segmentation.Algorithm);
        SegmentMembership.EnsureTable(store);
        var clusters = timer.Step("Segmenting customers", () => SegmentationStage.Run(store, segmentation));
        var profiled = timer.Step("Profiling segments", () => CategoryStage.AddPreferences(
            store, [Profiler.Run(store, options.Profiling with { Currency = currency }, kind)], options.Categories, kind)[0]);
        var outputs = timer.Step("Writing outputs", () =>
        {
            var names = profiled.Segments.OrderBy(s => s.Profile.SegmentId).Select(s => s.Name).ToList();
            var model = clusters.Model with { SegmentNames = names, AsOf = stored.Features.AsOf, Cleaning = stored.Cleaning };
            SegmentationStage.SaveModel(store, model);
            var files = new List<string>
            {
                // The run folder's segments.csv and insights.md hold the new segmentation (the RFM segments did not change).
                ProfileOutputs.WriteSegments([profiled], options.OutputDirectory),
                ProfileOutputs.WriteInsights([profiled], options.OutputDirectory, currency),
                SegmentationStage.WriteModel(model, options.OutputDirectory),
                Path.GetDirectoryName(ProfileOutputs.WriteActivation(store, profiled, options.OutputDirectory, order: options.Profiling.ActivationOrder)[0])! + Path.DirectorySeparatorChar,
            };
            if (SegmentationStage.WriteModelSelection(clusters, options.OutputDirectory) is { } selection)
            {
                files.Add(selection);
            }
            return files;
        });
        cancellation.ThrowIfCancellationRequested();
        var effective = stored with
        {
            Segmentation = segmentation,
            Profiling = options.Profiling with { Currency = currency },
            Report = options.Report with { Currency = currency },
        };
        var runId = RunLog.Record(store, "segment", started, effective, null, null, customers, timer.Steps);
        RunSteps.Save(store, runId, timer.Timings);
        return new ResegmentResult(clusters, [profiled], outputs, store.Path, timer.Steps)
        {
            Timings = timer.Timings,
            Options = effective,
        };
    }
}
