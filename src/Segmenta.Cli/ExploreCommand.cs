using System.CommandLine;
using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Pipeline;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary><c>segmenta explore FILE-OR-DB --out DIR</c>: monthly revenue, products, countries, customers and cohorts.</summary>
internal static class ExploreCommand
{
    internal static Command Create()
    {
        var input = new Argument<string>("file-or-db") { Description = "A transaction file (CSV/TSV, .gz, .xlsx, .parquet) or a Segmenta database (.duckdb)." };
        var output = new Option<string>("--out", "-o") { Description = "Folder for results (CSV files under DIR/exploration/).", DefaultValueFactory = _ => "out" };
        var db = new Option<string?>("--db") { Description = "Database file to import into (for a transaction file). Default: OUT/segmenta.duckdb." };
        var cleaning = new Option<string>("--cleaning") { Description = "Cleaning preset for a transaction file: default or classic.", DefaultValueFactory = _ => "default" };
        cleaning.AcceptOnlyFromAmong("default", "classic");
        var top = new Option<int>("--top") { Description = "Products per top list.", DefaultValueFactory = _ => 20 };
        var categories = new Option<string?>("--categories") { Description = "Category vocabulary file replacing the built-in one (format: Categories/category_vocabulary.txt)." };
        var importOptions = new ImportOptionSet();
        var command = new Command("explore", "Compute the exploration tables (monthly revenue and customers, products, countries, customer distributions, cohorts and retention).")
        {
            input, output, db, cleaning, top, categories,
        };
        importOptions.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var options = new AnalysisOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                DatabasePath = parse.GetValue(db),
                Import = importOptions.Read(parse),
                Cleaning = new CleaningOptions { Preset = CleaningOptions.ParsePreset(parse.GetValue(cleaning)!) },
                Exploration = new ExplorationOptions { TopProducts = parse.GetValue(top) },
                Categories = new Segmenta.Categories.CategoryOptions { VocabularyPath = parse.GetValue(categories) },
            };
            var result = CommandRunner.WithProgress(onStep => AnalysisPipeline.Explore(parse.GetValue(input)!, options, onStep));
            SummaryPrinter.PrintExploration(result);
            Terminal.Out.MarkupLine($"Wrote {Markup.Escape(Path.Combine(options.OutputDirectory, "exploration"))}{Path.DirectorySeparatorChar}.");
            return 0;
        }));
        return command;
    }
}
