using Segmenta.Cleaning;
using Segmenta.Features;
using Segmenta.Loading;
using Segmenta.Reporting;
using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>The one entry point: Load → Clean → Features (→ later stages), with each stage's options.</summary>
public static partial class AnalysisPipeline
{
    /// <summary>Runs the analysis. <paramref name="onStep"/> is told when each step starts (for progress displays).</summary>
    /// <param name="options">Every stage's options.</param>
    /// <param name="onStep">Told when each step starts.</param>
    /// <param name="clock">Time source for the run log.</param>
    /// <param name="cancellation">Interrupts the SQL statement running when it is cancelled (a dashboard job; the caller undoes the writes).</param>
    public static AnalysisResult Run(AnalysisOptions options, Action<string>? onStep = null, TimeProvider? clock = null, CancellationToken cancellation = default)
    {
        clock ??= TimeProvider.System;
        if (options.Engine == Engine.Postgres)
        {
            return RunOnPostgres(options, onStep, clock);
        }
        var started = clock.GetUtcNow();
        OptionChecks.BeforeImport(options);
        using var store = SegmentaStore.Open(options.ResolvedDatabasePath);
        using var interrupt = cancellation.Register(store.Interrupt);
        using var trace = MemoryTrace.StartIfAsked(store);
        var timer = new StepTimer(onStep);

        var quarantineFile = Path.Combine(options.OutputDirectory, "quarantine.csv");
        var imports = options.Inputs
            .Select(input => timer.Step($"Loading {Path.GetFileName(input)}", () => Importer.Import(store, input, options.Import, clock, quarantineFile, onStep)))
            .ToList();
        if (store.Scalar<long>("SELECT count(*) FROM raw_lines") == 0)
        {
            throw new SegmentaException($"The database {store.Path} holds no lines to analyse and no file was given. Give a data file: segmenta analyze FILE --out DIR.");
        }
        var quarantineWritten = WriteQuarantine(store, quarantineFile);
        // With the kept purchases' integer keys for the recommendations (the purchase tables), written on a connection of
        // their own beside the rest of the cleaning and the customer features, which do not read them.
        var (cleaning, purchaseTables) = timer.Step("Cleaning", () => Cleaner.RunLeavingPurchaseTables(store, options.Cleaning));
        FeatureSummary features;
        using (purchaseTables)
        {
            OptionChecks.AsOf(store, options.Features.AsOf);
            // The wait for the purchase tables is timed with the features, beside which they are written.
            features = timer.Step("Customer features", () =>
            {
                var computed = CustomerFeatures.Compute(store, options.Features);
                purchaseTables.Finish(store);
                return computed;
            });
        }
        return RunAfterFeatures(store, options, new CleanedRun(started, imports, cleaning, features, quarantineWritten ? quarantineFile : null), timer, cancellation: cancellation);
    }

    /// <summary>Whether independent steps run at the same time: <see cref="AnalysisOptions.ConcurrentSteps"/>, unless SEGMENTA_SEQUENTIAL=1.</summary>
    private static bool RunsConcurrently(AnalysisOptions options) =>
        options.ConcurrentSteps && Environment.GetEnvironmentVariable("SEGMENTA_SEQUENTIAL") != "1";

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

    /// <summary>The options as they took effect: the as-of date the features used and the currency the outputs show.</summary>
    private static RunOptions Effective(RunOptions stages, DateOnly asOf, string currency) => stages with
    {
        Features = stages.Features with { AsOf = asOf },
        Profiling = stages.Profiling with { Currency = currency },
        Report = stages.Report with { Currency = currency },
    };

    /// <summary>The report of the store, with the run's cleaning preset, as-of date and options (the playbook by its entries' ids).</summary>
    private static ReportResult WriteReport(SegmentaStore store, string path, RunOptions run) => ReportWriter.Write(store, path, run.Report, ReportRunOf(run));

    /// <summary>The report of the store but its recommendations (<see cref="ReportWriter.Draw"/>): drawn while they are computed.</summary>
    private static ReportWriter.ReportDraft DrawReport(SegmentaStore store, RunOptions run) => ReportWriter.Draw(store, run.Report, ReportRunOf(run));

    private static ReportRun ReportRunOf(RunOptions run)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(run.ToJson())!.AsObject();
        if (json["Profiling"] is System.Text.Json.Nodes.JsonObject profiling)
        {
            profiling["Playbook"] = string.Join(", ", run.Profiling.Playbook.Entries.Select(e => e.Id));
        }
        json.Remove(nameof(RunOptions.FormatVersion));
        return new ReportRun(run.Cleaning.Preset, run.Features.AsOf, json.ToJsonString());
    }

    /// <summary>
    /// <c>segmenta report</c>: writes the report of the database at <paramref name="databasePath"/> with the options of its
    /// last run, changed by <paramref name="change"/> (e.g. another title).
    /// </summary>
    public static ReportResult Report(string databasePath, string outputPath, Func<ReportOptions, ReportOptions>? change = null)
    {
        var run = RunLog.LastOptions(databasePath);
        using var store = SegmentaStore.Open(databasePath);
        AnalysisSchema.RequireCurrent(store, databasePath);
        run = run with { Report = change is null ? run.Report : change(run.Report) };
        return WriteReport(store, outputPath, run);
    }
}
