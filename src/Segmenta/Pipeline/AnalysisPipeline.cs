using System.Text.Json;
using Segmenta.Categories;
using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Features;
using Segmenta.Lifetime;
using Segmenta.Loading;
using Segmenta.Reporting;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>The one entry point: Load → Clean → Features (→ later stages), with each stage's options.</summary>
public static partial class AnalysisPipeline
{
    /// <summary>Runs the analysis. <paramref name="onStep"/> is told when each step starts (for progress displays).</summary>
    public static AnalysisResult Run(AnalysisOptions options, Action<string>? onStep = null, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var started = clock.GetUtcNow();
        OptionChecks.BeforeImport(options);
        using var store = SegmentaStore.Open(options.ResolvedDatabasePath);
        var timer = new StepTimer(onStep);
        var steps = timer.Steps;

        var quarantineFile = Path.Combine(options.OutputDirectory, "quarantine.csv");
        var imports = options.Inputs
            .Select(input => timer.Step($"Loading {Path.GetFileName(input)}", () => Importer.Import(store, input, options.Import, clock, quarantineFile, onStep)))
            .ToList();
        if (store.Scalar<long>("SELECT count(*) FROM raw_lines") == 0)
        {
            throw new SegmentaException($"The database {store.Path} holds no lines to analyse and no file was given. Give a data file: segmenta analyze FILE --out DIR.");
        }
        var quarantineWritten = WriteQuarantine(store, quarantineFile);
        var cleaning = timer.Step("Cleaning", () => Cleaner.Run(store, options.Cleaning));
        OptionChecks.AsOf(store, options.Features.AsOf);
        var features = timer.Step("Customer features", () => CustomerFeatures.Compute(store, options.Features));
        var exploration = timer.Step("Exploring", () => Explorer.Run(store, options.Exploration));
        var categories = timer.Step("Product categories", () => CategoryStage.Run(store, options.Categories));
        var lifetimeNotes = new List<string>();
        var lifetime = timer.Step("Lifetime value", () => TryLifetime(store, options, lifetimeNotes));
        var downstream = RunDownstream(store, options, features.Customers, timer);
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
        if (quarantineWritten)
        {
            downstream.Outputs.Add(quarantineFile);
        }
        ExplorationOutputs.Write(exploration, options.OutputDirectory);
        CategoryOutputs.WriteExploration(store, options.OutputDirectory);
        var result = new AnalysisResult(imports, cleaning, features, downstream.Clusters, downstream.Segmentations, downstream.Outputs, store.Path, steps)
        {
            Notes = downstream.Notes,
            Exploration = exploration,
            Recommendations = downstream.Recommendations,
            Lifetime = lifetime,
            Categories = categories,
        };
        var runId = RecordRun(store, options, result, started);

        // The report reads the run log, so it is written last and its time added to the run afterwards.
        var report = timer.Step("Writing report", () => ReportWriter.Write(store, Path.Combine(options.OutputDirectory, "report.html"), options.Report with { Currency = downstream.Currency }));
        downstream.Outputs.Add(report.Path);
        UpdateStepTimes(store, runId, steps);
        return result;
    }

    /// <summary>Creates a results folder, or fails in one line naming <paramref name="option"/> when it cannot be written.</summary>
    public static void PrepareFolder(string path, string option) => OptionChecks.PrepareFolder(path, option);

    /// <summary>out/quarantine.csv lists every quarantined line of the store; without any, a stale file is removed.</summary>
    private static bool WriteQuarantine(SegmentaStore store, string path)
    {
        if (store.Scalar<long>("SELECT count(*) FROM quarantine") > 0)
        {
            QuarantineFile.Write(store, path);
            return true;
        }
        File.Delete(path);
        return false;
    }

    private static object? SegmentationOptionsJson(SegmentationOptions? seg) => seg is null ? null : new
    {
        algorithm = seg.Algorithm.ToString(), k = seg.K?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto",
        kRange = $"{seg.MinK}..{seg.MaxK}", features = seg.Features, scaling = seg.Scaling.ToString(), seg.WinsorizePercentile, seg.Seed, seg.NInit,
        covariance = seg.Covariance.ToString(),
    };

    private static void UpdateStepTimes(SegmentaStore store, long runId, List<(string Step, TimeSpan Elapsed)> steps) =>
        store.Execute("UPDATE runs SET step_seconds = $steps, seconds = $seconds WHERE run_id = $id",
            ("steps", StepsJson(steps)), ("seconds", steps.Sum(s => s.Elapsed.TotalSeconds)), ("id", runId));

    private static string StepsJson(IEnumerable<(string Step, TimeSpan Elapsed)> steps) =>
        JsonSerializer.Serialize(steps.ToDictionary(s => s.Step, s => Math.Round(s.Elapsed.TotalSeconds, 4)));

    private static long RecordRun(SegmentaStore store, AnalysisOptions options, AnalysisResult result, DateTimeOffset started)
    {
        var runId = (store.Scalar<long?>("SELECT max(run_id) FROM runs") ?? 0) + 1;
        var optionsJson = JsonSerializer.Serialize(new
        {
            inputs = options.Inputs,
            cleaning = options.Cleaning.Preset.ToString(),
            nonProductCodes = options.Cleaning.NonProductCodes,
            extremeQuantity = options.Cleaning.ExtremeQuantity,
            segmentation = SegmentationOptionsJson(options.Segmentation),
            asOf = result.Features.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            columnMap = options.Import.ColumnMap.ToDictionary(p => p.Key.ToString(), p => p.Value),
            encoding = options.Import.Encoding,
            dateFormat = options.Import.DateFormat,
        });
        var stepsJson = StepsJson(result.Steps);
        store.Execute(
            "INSERT INTO runs VALUES ($id, 'analyze', $at, $options, $loaded, $clean, $customers, $seconds, $steps)",
            ("id", runId), ("at", started.UtcDateTime), ("options", optionsJson), ("loaded", result.Cleaning.LinesLoaded),
            ("clean", result.Cleaning.LinesKept), ("customers", result.Features.Customers),
            ("seconds", result.Elapsed.TotalSeconds), ("steps", stepsJson));
        return runId;
    }
}
