using System.CommandLine;
using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Cli;

/// <summary><c>segmenta import FILE --db PATH</c>: load a file into the store, with its line accounting.</summary>
internal static class ImportCommand
{
    internal static Command Create()
    {
        var file = new Argument<string>("file") { Description = "CSV/TSV (optionally .gz), .xlsx or .parquet file of transaction lines." };
        var db = new Option<string>("--db") { Description = "Database file.", DefaultValueFactory = _ => Path.Combine("out", "segmenta.duckdb") };
        var importOptions = new ImportOptionSet();
        var command = new Command("import", "Load a transaction file into the database (once: re-importing the same file adds nothing).") { file, db };
        importOptions.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var store = SegmentaStore.Open(parse.GetValue(db)!);
            var result = CommandRunner.WithProgress(_ => Importer.Import(store, parse.GetValue(file)!, importOptions.Read(parse)));
            SummaryPrinter.PrintImports([result]);
            return 0;
        }));
        return command;
    }
}
