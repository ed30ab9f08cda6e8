using Segmenta.Cleaning;
using Segmenta.Features;
using Segmenta.Lifetime;
using Segmenta.Loading;
using Segmenta.Postgres;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Pipeline;

public static partial class AnalysisPipeline
{
    /// <summary>
    /// <c>segmenta clv</c>: lifetime value alone. With a transaction file it is imported, cleaned and summarised per
    /// customer first; with a database (.duckdb) its clean lines and customers are used as they are. Writes
    /// customers.csv, clv-models.csv and (with a calibration end) clv-holdout.csv.
    /// </summary>
    public static (LifetimeResult Result, IReadOnlyList<string> Outputs) Lifetime(string input, AnalysisOptions options, Action<string>? onStep = null)
    {
        if (!File.Exists(input))
        {
            throw new SegmentaException($"No file at {input}. Give a transaction file (CSV, .gz, .xlsx, .parquet) or a Segmenta database (.duckdb).");
        }
        var lifetime = options.Lifetime ?? new LifetimeOptions();
        var timer = new StepTimer(onStep);
        var fromDatabase = input.EndsWith(".duckdb", StringComparison.OrdinalIgnoreCase);
        Directory.CreateDirectory(options.OutputDirectory);
        using var store = SegmentaStore.Open(fromDatabase ? input : options.ResolvedDatabasePath);
        if (!fromDatabase)
        {
            AnalysisSchema.RequireCurrent(store, options.ResolvedDatabasePath);
            timer.Step($"Loading {Path.GetFileName(input)}", () => Importer.Import(store, input, options.Import));
            timer.Step("Cleaning", () => Cleaner.Run(store, options.Cleaning));
            timer.Step("Customer features", () => CustomerFeatures.Compute(store, options.Features));
            AnalysisSchema.Stamp(store);
        }
        else
        {
            AnalysisSchema.RequireCustomers(store, input);
        }
        // A PostgreSQL run's lines stay on its servers: the lifetime summary is made there.
        var server = fromDatabase ? LinesOfStoredRun(store, input, "clv", options) : null;
        var result = timer.Step("Lifetime value", () => LifetimeStage.Run(store, WithObservationEnd(lifetime, options.Features), server?.Stages.Lifetime));
        if (server is not null)
        {
            // The server's customer_lifetime and customer_lifetime_horizons follow the new fits and options, as analyze writes them.
            result = WriteLifetimeBack(store, server.Postgres, result, timer);
        }
        var outputs = timer.Step("Writing outputs", () =>
        {
            SegmentMembership.EnsureTable(store);
            return (IReadOnlyList<string>)[OutputWriter.WriteCustomers(store, options.OutputDirectory), .. LifetimeOutputs.Write(store, options.OutputDirectory)];
        });
        return (result, outputs);
    }

    /// <summary>segmenta clv on a PostgreSQL run's database: every customer scored again where its lines are under the new fits, with the note analyze gives.</summary>
    private static LifetimeResult WriteLifetimeBack(SegmentaStore store, PostgresOptions postgres, LifetimeResult result, StepTimer timer)
    {
        using var database = PostgresDatabase.Open(postgres.Connection, postgres.Schema);
        var written = timer.Step("Writing lifetime to PostgreSQL", () => PostgresLifetime.WriteBack(store, postgres, database));
        return written is var (scored, differing, model) ? result with { Notes = [.. result.Notes, PostgresLifetime.Note(database.Schema, scored, differing, model)] } : result;
    }

    /// <summary>An explicit as-of date ends the data the models see on the day before it, as it does for recency.</summary>
    private static LifetimeOptions WithObservationEnd(LifetimeOptions lifetime, FeatureOptions features) =>
        lifetime.ObservationEnd is null && features.AsOf is { } asOf ? lifetime with { ObservationEnd = asOf.AddDays(-1) } : lifetime;

    /// <summary>Lifetime value inside analyze: too little data or a failed fit becomes a note, not a failed run.</summary>
    private static LifetimeResult? TryLifetime(SegmentaStore store, AnalysisOptions options, List<string> notes, ILifetimeLines? elsewhere = null)
    {
        if (options.Lifetime is not { } lifetime)
        {
            return null;
        }
        try
        {
            var result = LifetimeStage.Run(store, WithObservationEnd(lifetime, options.Features), elsewhere);
            notes.AddRange(result.Notes);
            return result;
        }
        catch (SegmentaException e)
        {
            notes.Add($"Lifetime value skipped: {e.Message}");
            store.Execute("DROP VIEW IF EXISTS customer_clv_columns; DROP TABLE IF EXISTS customer_clv; DROP TABLE IF EXISTS customer_clv_horizons; DROP TABLE IF EXISTS clv_fits; DROP TABLE IF EXISTS clv_parameters; DROP TABLE IF EXISTS clv_holdout; DROP TABLE IF EXISTS clv_churn_holdout; DROP TABLE IF EXISTS clv_settings");
            return null;
        }
    }
}
