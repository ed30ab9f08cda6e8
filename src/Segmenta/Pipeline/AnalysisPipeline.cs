using System.Diagnostics;
using System.Text.Json;
using Segmenta.Cleaning;
using Segmenta.Features;
using Segmenta.Loading;
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
        var outputs = Step("Writing outputs", () => new List<string>
        {
            OutputWriter.WriteCustomers(store, options.OutputDirectory),
            OutputWriter.WriteCleaningReport(store, options.OutputDirectory),
        });
        var result = new AnalysisResult(imports, cleaning, features, outputs, store.Path, steps);
        RecordRun(store, options, result, started);
        return result;
    }

    private static void RecordRun(SegmentaStore store, AnalysisOptions options, AnalysisResult result, DateTimeOffset started)
    {
        var runId = (store.Scalar<long?>("SELECT max(run_id) FROM runs") ?? 0) + 1;
        var optionsJson = JsonSerializer.Serialize(new
        {
            inputs = options.Inputs,
            cleaning = options.Cleaning.Preset.ToString(),
            nonProductCodes = options.Cleaning.NonProductCodes,
            extremeQuantity = options.Cleaning.ExtremeQuantity,
            asOf = result.Features.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            columnMap = options.Import.ColumnMap.ToDictionary(p => p.Key.ToString(), p => p.Value),
            encoding = options.Import.Encoding,
            dateFormat = options.Import.DateFormat,
        });
        var stepsJson = JsonSerializer.Serialize(result.Steps.ToDictionary(s => s.Step, s => Math.Round(s.Elapsed.TotalSeconds, 4)));
        store.Execute(
            "INSERT INTO runs VALUES ($id, 'analyze', $at, $options, $loaded, $clean, $customers, $seconds, $steps)",
            ("id", runId), ("at", started.UtcDateTime), ("options", optionsJson), ("loaded", result.Cleaning.LinesLoaded),
            ("clean", result.Cleaning.LinesKept), ("customers", result.Features.Customers),
            ("seconds", result.Elapsed.TotalSeconds), ("steps", stepsJson));
    }
}
