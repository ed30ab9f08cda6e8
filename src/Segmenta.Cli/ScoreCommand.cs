using System.CommandLine;
using System.Globalization;
using Segmenta.Pipeline;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary><c>segmenta score FILE --model out/model.json</c>: assign new customers to saved segments without refitting.</summary>
internal static class ScoreCommand
{
    internal static Command Create()
    {
        var input = new Argument<string>("file-or-db") { Description = "A transaction file (CSV/TSV, .gz, .xlsx, .parquet) or a Segmenta database (.duckdb)." };
        var model = new Option<string>("--model", "-m") { Description = "The model: model.json from analyze/segment, or that run's database.", DefaultValueFactory = _ => Path.Combine("out", "model.json") };
        var output = new Option<string>("--out", "-o") { Description = "CSV file to write (one row per customer).", DefaultValueFactory = _ => Path.Combine("out", "scores.csv") };
        var importOptions = new ImportOptionSet();
        var command = new Command("score", "Assign the customers of new data to the segments of a saved model, without refitting.") { input, model, output };
        importOptions.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var fitted = ScoringPipeline.LoadModel(parse.GetValue(model)!);
            var result = ScoringPipeline.Score(parse.GetValue(input)!, fitted, parse.GetValue(output)!, importOptions.Read(parse));
            var table = new Table().Title($"Scored {result.Customers.ToString("N0", CultureInfo.InvariantCulture)} customers with the {fitted.Algorithm} model (k={fitted.K})")
                .AddColumns("Segment", "Name", "Customers");
            for (var s = 0; s < result.SegmentSizes.Count; s++)
            {
                table.AddRow(s.ToString(CultureInfo.InvariantCulture), Markup.Escape(s < result.SegmentNames.Count ? result.SegmentNames[s] : ""),
                    result.SegmentSizes[s].ToString("N0", CultureInfo.InvariantCulture));
            }
            Terminal.Out.Write(table);
            Terminal.Out.MarkupLine($"Wrote {Markup.Escape(result.Path)}.");
            return 0;
        }));
        return command;
    }
}
