using System.CommandLine;
using System.Globalization;
using Segmenta.Cleaning;
using Segmenta.Features;
using Segmenta.Pipeline;

namespace Segmenta.Cli;

/// <summary><c>segmenta analyze FILE --out DIR</c>: load, clean, compute customer features and RFM segments.</summary>
internal static class AnalyzeCommand
{
    internal static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Transaction files (CSV/TSV, .gz, .xlsx, .parquet). Omit to re-analyse what the database holds.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--out", "-o") { Description = "Folder for results.", DefaultValueFactory = _ => "out" };
        var db = new Option<string?>("--db") { Description = "Database file. Default: OUT/segmenta.duckdb." };
        var cleaning = new Option<string>("--cleaning")
        {
            Description = "Cleaning preset: default (careful: returns matched and netted, non-products removed) or classic (the usual notebooks' recipe).",
            DefaultValueFactory = _ => "default",
        };
        cleaning.AcceptOnlyFromAmong("default", "classic");
        var asOf = new Option<string?>("--as-of") { Description = "Date recency is measured to (yyyy-MM-dd). Default: the day after the last invoice." };
        var nonProducts = new Option<string?>("--non-product-codes")
        {
            Description = "Comma-separated stock codes (or LIKE patterns) that are not products. Default: POST, DOT, M, D, C2, CRUK, BANK CHARGES, AMAZONFEE, gift vouchers, ...",
        };
        var extreme = new Option<double?>("--extreme-quantity") { Description = "Lines with at least this many units are removed (default preset). Default: 10000." };
        var duplicates = new Option<string>("--duplicates")
        {
            Description = "Exact copies of a purchase line (default preset): auto removes them only when lines carry an invoice number (the evidence of a double export), remove always, keep never.",
            DefaultValueFactory = _ => "auto",
        };
        duplicates.AcceptOnlyFromAmong("auto", "remove", "keep");
        var categories = new Option<string?>("--categories") { Description = "Category vocabulary file replacing the built-in one (format: Categories/category_vocabulary.txt). Unused when the data has a category column (--map category=COLUMN)." };
        var profilingOptions = new ProfilingOptionSet();
        var recommendationOptions = new RecommendationOptionSet();
        var importOptions = new ImportOptionSet();
        var segmentationOptions = new SegmentationOptionSet();
        var lifetimeOptions = new LifetimeOptionSet();
        var engineOptions = new PostgresOptionSet();
        var command = new Command("analyze", "The whole analysis: load, clean with full accounting, explore, compute customer features and RFM, cluster, profile and name segments, recommend products, and write the CSV outputs and the report.")
        {
            files, output, db, cleaning, asOf, nonProducts, extreme, duplicates, categories,
        };
        importOptions.AddTo(command);
        segmentationOptions.AddTo(command);
        profilingOptions.AddTo(command);
        recommendationOptions.AddTo(command, withSkip: true);
        lifetimeOptions.AddTo(command);
        engineOptions.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var cleaningOptions = new CleaningOptions
            {
                Preset = CleaningOptions.ParsePreset(parse.GetValue(cleaning)!),
                NonProductCodes = parse.GetValue(nonProducts) is { } codes
                    ? codes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    : CleaningOptions.DefaultNonProductCodes,
                ExtremeQuantity = parse.GetValue(extreme) ?? 10_000,
                Duplicates = CleaningOptions.ParseDuplicates(parse.GetValue(duplicates)!),
            };
            var (engine, postgres) = engineOptions.Read(parse);
            var options = new AnalysisOptions
            {
                Engine = engine,
                Postgres = postgres,
                Inputs = parse.GetValue(files) ?? [],
                OutputDirectory = parse.GetValue(output)!,
                DatabasePath = parse.GetValue(db),
                Import = importOptions.Read(parse),
                Cleaning = cleaningOptions,
                Features = new FeatureOptions { AsOf = ParseDate(parse.GetValue(asOf)) },
                Segmentation = segmentationOptions.Read(parse, null),
                Profiling = profilingOptions.Read(parse, null),
                Recommendation = recommendationOptions.Read(parse, null),
                Lifetime = lifetimeOptions.Read(parse),
                Categories = new Segmenta.Categories.CategoryOptions { VocabularyPath = parse.GetValue(categories) },
            };
            // --seed is the seed of every random step; without it the recommender shares the clustering's default seed.
            var seed = parse.GetValue(segmentationOptions.Seed);
            options = options.With(parse.Given(segmentationOptions.Seed) ? options.Stages.WithSeed(seed)
                : options.Stages with { Recommendation = options.Recommendation is { } r ? r with { Seed = seed } : null });
            var result = CommandRunner.WithProgress(onStep => AnalysisPipeline.Run(options, onStep));
            SummaryPrinter.PrintAnalysis(result);
            StepTimesPrinter.Print(result.Timings);
            return 0;
        }));
        return command;
    }

    private static DateOnly? ParseDate(string? text)
    {
        if (text is null)
        {
            return null;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new SegmentaException($"--as-of {text}: expected a date as yyyy-MM-dd, for example 2011-12-10.");
    }
}
