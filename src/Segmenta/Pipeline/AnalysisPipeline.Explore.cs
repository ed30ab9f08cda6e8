using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Pipeline;

public static partial class AnalysisPipeline
{
    /// <summary>
    /// <c>segmenta explore</c>: the exploration tables alone. With a transaction file, it is imported and cleaned into
    /// the store first (no features or segments); with a database (.duckdb), its cleaned lines are explored as they are.
    /// </summary>
    public static ExplorationResult Explore(string input, AnalysisOptions options, Action<string>? onStep = null)
    {
        if (!File.Exists(input))
        {
            throw new SegmentaException($"No file at {input}. Give a transaction file (CSV, .gz, .xlsx, .parquet) or a Segmenta database (.duckdb).");
        }
        var timer = new StepTimer(onStep);
        var fromDatabase = input.EndsWith(".duckdb", StringComparison.OrdinalIgnoreCase);
        options.Import.Validate();
        options.Cleaning.Validate();
        options.Exploration.Validate();
        OptionChecks.PrepareFolder(options.OutputDirectory, "--out");
        using var store = SegmentaStore.Open(fromDatabase ? input : options.ResolvedDatabasePath);
        if (!fromDatabase)
        {
            AnalysisSchema.RequireCurrent(store, options.ResolvedDatabasePath);
            timer.Step($"Loading {Path.GetFileName(input)}", () => Importer.Import(store, input, options.Import, quarantineFile: Path.Combine(options.OutputDirectory, "quarantine.csv")));
            timer.Step("Cleaning", () => Cleaner.Run(store, options.Cleaning));
            AnalysisSchema.Stamp(store);
        }
        else if (!store.HasTable("cleaning_report"))
        {
            throw new SegmentaException($"The database {input} holds no cleaned lines. Run segmenta analyze FILE --db {input} first.");
        }
        else
        {
            AnalysisSchema.RequireCurrent(store, input);
        }
        // A PostgreSQL run's lines stay on its servers: the exploration and the categories read them there.
        var server = fromDatabase ? LinesOfStoredRun(store, input, "explore", options) : null;
        var result = timer.Step("Exploring", () => server is null ? Explorer.Run(store, options.Exploration) : server.Stages.Explore(store));
        timer.Step("Product categories", () => Categories.CategoryStage.Run(store, options.Categories, server?.Stages.Categories));
        timer.Step("Writing outputs", () =>
        {
            ExplorationOutputs.Write(result, options.OutputDirectory);
            return Categories.CategoryOutputs.WriteExploration(store, options.OutputDirectory);
        });
        return result;
    }
}
