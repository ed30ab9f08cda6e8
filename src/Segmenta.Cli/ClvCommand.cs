using System.CommandLine;
using System.Globalization;
using Segmenta.Cleaning;
using Segmenta.Pipeline;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary><c>segmenta clv FILE-OR-DB --out DIR</c>: customer lifetime value, P(alive) and churn risk.</summary>
internal static class ClvCommand
{
    internal static Command Create()
    {
        var input = new Argument<string>("file-or-db") { Description = "A transaction file (CSV/TSV, .gz, .xlsx, .parquet) or a Segmenta database (.duckdb)." };
        var output = new Option<string>("--out", "-o") { Description = "Folder for results.", DefaultValueFactory = _ => "out" };
        var db = new Option<string?>("--db") { Description = "Database file to import into (for a transaction file). Default: OUT/segmenta.duckdb." };
        var cleaning = new Option<string>("--cleaning") { Description = "Cleaning preset for a transaction file: default or classic.", DefaultValueFactory = _ => "default" };
        cleaning.AcceptOnlyFromAmong("default", "classic");
        var importOptions = new ImportOptionSet();
        var lifetimeOptions = new LifetimeOptionSet();
        var command = new Command("clv", "Customer lifetime value: fit buy-till-you-die models (BG/NBD, Pareto/NBD, MBG/NBD) and the Gamma-Gamma spend model, validate them on a holdout, and predict each customer's P(alive), purchases, spend, discounted CLV and churn risk.")
        {
            input, output, db, cleaning,
        };
        importOptions.AddTo(command);
        lifetimeOptions.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var options = new AnalysisOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                DatabasePath = parse.GetValue(db),
                Import = importOptions.Read(parse),
                Cleaning = new CleaningOptions { Preset = CleaningOptions.ParsePreset(parse.GetValue(cleaning)!) },
                Lifetime = lifetimeOptions.Read(parse),
            };
            var (result, files) = CommandRunner.WithProgress(onStep => AnalysisPipeline.Lifetime(parse.GetValue(input)!, options, onStep));
            var table = new Table().Title("Lifetime models").AddColumns("Period", "Model", "Parameters", "Log-likelihood", "Converged");
            foreach (var fit in result.Fits)
            {
                table.AddRow(fit.Period, fit.Fit.Name + (fit.Chosen ? " (used)" : ""),
                    string.Join(", ", fit.Fit.Parameters.Select(p => double.IsFinite(p.Value) ? string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Value:0.####}") : $"{p.Name} not identified")),
                    fit.Fit.LogLikelihood.ToString("0.##", CultureInfo.InvariantCulture), fit.Fit.Converged ? "yes" : "[red]no[/]");
            }
            Terminal.Out.Write(table);
            foreach (var total in result.Holdout.Where(h => h.FrequencyGroup == "total"))
            {
                Terminal.Out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"Holdout {total.Model}: predicted {total.PredictedPurchases:0.#} vs actual {total.ActualPurchases:0} purchases; per customer MAE of the median {total.ModelMedianMae:0.###}, MAE of the mean {total.ModelMeanMae:0.###}, RMSE of the mean {total.ModelMeanRmse:0.###} (naive past rate: {total.BaselineMedianMae:0.###}, {total.BaselineMeanMae:0.###}, {total.BaselineMeanRmse:0.###}).")));
            }
            Terminal.Out.MarkupLine(Markup.Escape($"Predictions use {result.Fits.First(f => f.Chosen && f.Fit.CountingModel is not null).Fit.Name}: {result.ChoiceReason}."));
            foreach (var note in result.Notes)
            {
                Terminal.Out.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
            }
            Terminal.Out.MarkupLine($"Wrote {string.Join(", ", files.Select(f => Markup.Escape(f)))}.");
            return 0;
        }));
        return command;
    }
}
