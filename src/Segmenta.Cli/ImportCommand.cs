using System.CommandLine;
using Segmenta.Loading;
using Segmenta.Store;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary><c>segmenta import FILE --db PATH</c>: load a file into the store, with its line accounting.</summary>
internal static class ImportCommand
{
    internal static Command Create()
    {
        var file = new Argument<string>("file") { Description = "CSV/TSV or whitespace-separated text (optionally .gz), .xlsx or .parquet file of transaction lines." };
        var db = new Option<string>("--db") { Description = "Database file.", DefaultValueFactory = _ => Path.Combine("out", "segmenta.duckdb") };
        var importOptions = new ImportOptionSet();
        var command = new Command("import", "Load a transaction file into the database (once: re-importing the same file adds nothing unless --replace). Quarantined lines are listed in quarantine.csv beside the database.") { file, db };
        importOptions.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var options = importOptions.Read(parse);
            options.Validate();
            var path = parse.GetValue(db)!;
            if (Directory.Exists(path))
            {
                throw new SegmentaException($"--db {path} is a folder. Give the path of a database file, e.g. {Path.Combine(path, "segmenta.duckdb")}.");
            }
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Pipeline.AnalysisPipeline.PrepareFolder(folder, "--db");
            var quarantineFile = Path.Combine(folder, "quarantine.csv");
            using var store = SegmentaStore.Open(path);
            var result = CommandRunner.WithProgress(onStep =>
            {
                onStep($"Loading {Path.GetFileName(parse.GetValue(file)!)}");
                return Importer.Import(store, parse.GetValue(file)!, options, quarantineFile: quarantineFile, progress: onStep);
            });
            SummaryPrinter.PrintImports([result]);
            if (result.LinesQuarantined > 0 && !result.AlreadyImported)
            {
                Importer.WriteQuarantine(store, quarantineFile);
                Terminal.Out.MarkupLine($"Quarantined lines: {Markup.Escape(quarantineFile)}");
            }
            return 0;
        }));
        return command;
    }
}
