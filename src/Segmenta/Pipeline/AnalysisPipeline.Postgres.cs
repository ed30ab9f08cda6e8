using Segmenta.Features;
using Segmenta.Loading;
using Segmenta.Postgres;
using Segmenta.Store;

namespace Segmenta.Pipeline;

public static partial class AnalysisPipeline
{
    /// <summary>
    /// <c>segmenta analyze --engine postgres</c>: the lines are read where they are (an existing table) or imported to
    /// the server; cleaning, customer features and RFM run there as SQL; the customers (one row each), the cleaning
    /// report and the facts about the lines (one row: the report's overview, the single-value checks) come back to the
    /// local store, where the customers are clustered; the segments are written back to the server beside its customers
    /// table. The line-level work of the later stages (exploration, categories, lifetime value, profiles, the purchase
    /// rows of the recommendations) runs where the lines are too and brings back aggregates: neither the lines nor their
    /// cleaning outcome come back, and the outputs are DuckDB's.
    /// </summary>
    private static AnalysisResult RunOnPostgres(AnalysisOptions options, Action<string>? onStep, TimeProvider clock)
    {
        var started = clock.GetUtcNow();
        var postgres = options.Postgres ?? throw new InvalidOptionException("Postgres.Connection", "the postgres engine needs a server: give --connection \"Host=HOST;Database=DB;Username=USER\".");
        postgres.Validate();
        OptionChecks.BeforeImport(options);
        if (postgres.Table is not null && options.Inputs.Count > 0)
        {
            throw new InvalidOptionException("Postgres.Table", "give either files to import or --table to read, not both.");
        }
        using var store = SegmentaStore.Open(options.ResolvedDatabasePath);
        using var database = PostgresDatabase.Open(postgres.Connection, postgres.Schema);
        var timer = new StepTimer(onStep);
        PostgresLayout.Create(database, postgres);
        var runToken = ServerRun.Stamp(database, postgres);
        PostgresLayout.PlanPerPartition(database);

        var quarantineFile = Path.Combine(options.OutputDirectory, "quarantine.csv");
        List<ImportResult> imports = [];
        IReadOnlyList<IReadOnlySet<ColumnRole>> roles;
        long quarantined;
        if (postgres.Table is { } table)
        {
            var mapping = timer.Step($"Reading table {table}", () => PostgresSource.CopyFromTable(database, postgres, table, options.Import.ColumnMap, importId: 1));
            roles = [mapping.Indexes.Keys.ToHashSet()];
            quarantined = 0;
        }
        else
        {
            imports = [.. options.Inputs.Select(input => timer.Step($"Loading {Path.GetFileName(input)}", () => Importer.Import(store, input, options.Import, clock, quarantineFile, onStep)))];
            if (store.Scalar<long>("SELECT count(*) FROM raw_lines") == 0)
            {
                throw new SegmentaException($"The database {store.Path} holds no lines to send to PostgreSQL and no file or --table was given.");
            }
            timer.Step("Copying lines to PostgreSQL", () => PostgresSource.CopyFromStore(store, database, postgres));
            roles = ImportedRoles.PerImport(store);
            quarantined = store.Scalar<long?>("SELECT sum(lines_quarantined)::BIGINT FROM imports") ?? 0;
        }
        PostgresLayout.Analyze(database, postgres, "raw_lines");
        var quarantineWritten = WriteQuarantine(store, quarantineFile);
        var amountNote = PostgresCleaner.AmountNote(database);
        var cleaning = timer.Step("Cleaning (PostgreSQL)", () => PostgresCleaner.Run(database, options.Cleaning, quarantined, amountNote, postgres));
        PostgresLayout.Analyze(database, postgres, "clean_lines");
        timer.Step("Line facts (PostgreSQL)", () => LineFacts.Compute(postgres, database.Schema, store));
        OptionChecks.AsOf(store, options.Features.AsOf);
        var (asOf, partialMonth) = timer.Step("Customer features (PostgreSQL)", () => PostgresFeatures.Compute(database, options.Features, amountNote is null));
        var features = timer.Step("Bringing customers back", () =>
        {
            PostgresResults.BringBack(database, store);
            return CustomerFeatures.Summarize(store, asOf, amountNote, roles, partialMonth);
        });

        // The purchases for recommending, keyed on the server: only integer rows come back (Postgres/PostgresPurchases.cs).
        timer.Step("Purchase tables (PostgreSQL)", () => PostgresPurchases.Build(postgres, database.Schema, store));
        var run = new CleanedRun(started, imports, cleaning, features, quarantineWritten ? quarantineFile : null);
        return RunAfterFeatures(store, options, run, timer, notes =>
        {
            WriteSegmentsBack(store, database, timer, notes);
            var lifetime = timer.Step("Writing lifetime to PostgreSQL", () => PostgresLifetime.WriteBack(store, postgres, database));
            if (lifetime is var (scored, differing, model))
            {
                notes.Add(PostgresLifetime.Note(database.Schema, scored, differing, model));
            }
            // segmenta segment, clv and explore on this store run their line-level SQL on these servers again.
            ServerRun.Remember(store, postgres, runToken);
        }, LineStagesOnServer(postgres, database.Schema, options));
    }

    /// <summary>The segments go back to the server beside its customers (and every customer is assigned there in SQL).</summary>
    private static void WriteSegmentsBack(SegmentaStore store, PostgresDatabase database, StepTimer timer, List<string> notes)
    {
        var (sent, assigned, differing) = timer.Step("Writing segments to PostgreSQL", () => PostgresSegments.WriteBack(store, database));
        notes.Add($"PostgreSQL schema {database.Schema} holds customers ({store.Scalar<long>("SELECT count(*) FROM customers"):N0} rows) and customer_segments ({sent:N0} rows)"
            + (assigned is { } n ? $"; customer_assignments: {n:N0} customers assigned to the {(Segmentation.SegmentationTables.Model(store)?.Algorithm == Segmentation.ClusteringAlgorithm.GaussianMixture ? "Gaussian mixture's" : "K-Means")} segments in SQL on the server, {differing:N0} differing from the local assignment." : "."));
    }

    /// <summary>
    /// The line-level work of <paramref name="command"/> (segment, clv, explore on a database): null when the store's
    /// lines are local (a DuckDB run); else the servers the PostgreSQL run left its lines on, reconnected (passwords from
    /// PGPASSWORD or ~/.pgpass) and checked to still hold that run's lines (Postgres/ServerRun.cs).
    /// </summary>
    private static ServerLines? LinesOfStoredRun(SegmentaStore store, string path, string command, AnalysisOptions options)
    {
        if (!ServerLineFacts.Elsewhere(store))
        {
            return null;
        }
        var postgres = ServerRun.Reconnect(store, path, $"run segmenta {command} again");
        return new ServerLines(postgres, LineStagesOnServer(postgres, postgres.Schema, options));
    }

    /// <summary>The servers of a stored PostgreSQL run and the steps' line-level work there.</summary>
    private sealed record ServerLines(PostgresOptions Postgres, LinesElsewhere Stages)
    {
        /// <summary>segmenta segment: the new segments go back to the server, as analyze writes them.</summary>
        internal void WriteSegmentsBack(SegmentaStore store, StepTimer timer, List<string> notes)
        {
            using var database = PostgresDatabase.Open(Postgres.Connection, Postgres.Schema);
            AnalysisPipeline.WriteSegmentsBack(store, database, timer, notes);
        }
    }

    /// <summary>
    /// The steps' line-level work done where the lines are instead of on the local store's lines (the PostgreSQL engine),
    /// and <c>Customers</c>, which runs a query over the server's customers table (the segmentation's fit sample is drawn there).
    /// </summary>
    private sealed record LinesElsewhere(Func<SegmentaStore, Exploration.ExplorationResult> Explore, Categories.ICategoryLines Categories, Lifetime.ILifetimeLines Lifetime,
        Action<SegmentaStore> TopProducts, Func<string, IReadOnlyList<string>> Customers);

    /// <summary>
    /// Exploration, categories, lifetime summaries and profiles on the server: each step has a coordinator connection of its own, as they
    /// run on concurrent branches.
    /// </summary>
    private static LinesElsewhere LineStagesOnServer(PostgresOptions postgres, string schema, AnalysisOptions options)
    {
        var stages = new PostgresLineStages(postgres, schema);
        return new LinesElsewhere(branch =>
        {
            using var database = PostgresDatabase.Open(postgres.Connection, schema);
            PostgresLayout.PlanPerPartition(database);
            return PostgresExplorer.Run(database, postgres, branch, options.Exploration);
        }, stages, stages, stages.TopProducts, sql =>
        {
            using var database = PostgresDatabase.Open(postgres.Connection, schema);
            return database.Query(sql, r => r.GetString(0));
        });
    }
}
