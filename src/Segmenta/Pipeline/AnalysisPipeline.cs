using System.Diagnostics;
using System.Text.Json;
using Segmenta.Cleaning;
using Segmenta.Features;
using Segmenta.Loading;
using Segmenta.Profiling;
using Segmenta.Reporting;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>The one entry point: Load → Clean → Features (→ later stages), with each stage's options.</summary>
public static class AnalysisPipeline
{
    /// <summary>Runs the analysis. <paramref name="onStep"/> is told when each step starts (for progress displays).</summary>
    public static AnalysisResult Run(AnalysisOptions options, Action<string>? onStep = null, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var started = clock.GetUtcNow();
        Directory.CreateDirectory(options.OutputDirectory);
        using var store = SegmentaStore.Open(options.ResolvedDatabasePath);
        var steps = new List<(string, TimeSpan)>();
        T Step<T>(string name, Func<T> work)
        {
            onStep?.Invoke(name);
            var watch = Stopwatch.StartNew();
            var result = work();
            steps.Add((name, watch.Elapsed));
            return result;
        }

        var imports = options.Inputs
            .Select(input => Step($"Loading {Path.GetFileName(input)}", () => Importer.Import(store, input, options.Import, clock)))
            .ToList();
        if (store.Scalar<long>("SELECT count(*) FROM raw_lines") == 0)
        {
            throw new SegmentaException("The store holds no lines to analyse. Give a data file: segmenta analyze FILE --out DIR.");
        }
        var cleaning = Step("Cleaning", () => Cleaner.Run(store, options.Cleaning));
        var features = Step("Customer features", () => CustomerFeatures.Compute(store, options.Features));
        var currency = options.Report.Currency ?? CurrencyGuess.For(store);
        SegmentMembership.EnsureTable(store);
        var notes = new List<string>();
        SegmentationResult? clusters = null;
        if (options.Segmentation is { } segmentation)
        {
            if (features.Customers >= SegmentationStage.MinimumCustomers)
            {
                clusters = Step("Segmenting customers", () => SegmentationStage.Run(store, segmentation));
            }
            else
            {
                SegmentationStage.Clear(store);
                notes.Add($"Clustering skipped: {features.Customers} customer(s), fewer than the {SegmentationStage.MinimumCustomers} needed for segments to mean anything; RFM segments are still given.");
            }
        }
        var segmentations = Step("Profiling segments", () => Profiler.Run(store, options.Profiling with { Currency = currency }));
        var outputs = Step("Writing outputs", () =>
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
            if (clusters is not null)
            {
                var names = primary.Segments.OrderBy(s => s.Profile.SegmentId).Select(s => s.Name).ToList();
                files.Add(SegmentationStage.WriteModel(clusters, names, options.OutputDirectory));
                if (SegmentationStage.WriteModelSelection(clusters, options.OutputDirectory) is { } selection)
                {
                    files.Add(selection);
                }
            }
            return files;
        });
        var result = new AnalysisResult(imports, cleaning, features, clusters, segmentations, outputs, store.Path, steps) { Notes = notes };
        var runId = RecordRun(store, options, result, started);

        // The report reads the run log, so it is written last and its time added to the run afterwards.
        var report = Step("Writing report", () => ReportWriter.Write(store, Path.Combine(options.OutputDirectory, "report.html"), options.Report with { Currency = currency }));
        outputs.Add(report.Path);
        UpdateStepTimes(store, runId, steps);
        return result;
    }

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
            segmentation = options.Segmentation is { } seg ? new
            {
                algorithm = seg.Algorithm.ToString(), k = seg.K?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto",
                kRange = $"{seg.MinK}..{seg.MaxK}", features = seg.Features, scaling = seg.Scaling.ToString(), seg.WinsorizePercentile, seg.Seed, seg.NInit,
                covariance = seg.Covariance.ToString(),
            } : null,
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
