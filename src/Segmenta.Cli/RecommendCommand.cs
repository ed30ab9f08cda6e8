using System.CommandLine;
using System.Globalization;
using Segmenta.Pipeline;
using Segmenta.Recommending;
using Segmenta.Store;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary>
/// <c>segmenta recommend --customer 12347</c>: one customer's list with reasons; without --customer, recompute every
/// customer's recommendations and the offline evaluation on a stored run.
/// </summary>
internal static class RecommendCommand
{
    internal static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for results.", DefaultValueFactory = _ => "out" };
        var db = new Option<string?>("--db") { Description = "Database file of an earlier analyze run. Default: OUT/segmenta.duckdb." };
        var customer = new Option<string?>("--customer") { Description = "Print this customer's recommendations with the reason for each." };
        var seed = new Option<int>("--seed") { Description = "Seed of every random step (bootstrap intervals, segments re-clustered at the cut). Default: the stored run's." };
        var recommendationOptions = new RecommendationOptionSet();
        var command = new Command("recommend", "Recommend products per customer and evaluate the recommenders offline against simple baselines.") { output, db, customer, seed };
        recommendationOptions.AddTo(command, withSkip: false);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var outputDirectory = parse.GetValue(output)!;
            var path = parse.GetValue(db) ?? Path.Combine(outputDirectory, "segmenta.duckdb");
            SegmentaStore.RequireExisting(path);
            // The stored run's options, changed only where an option was typed (--top, --mode, --cutoff, --seed).
            var stored = RunLog.LastOptions(path);
            var options = recommendationOptions.Read(parse, stored.Recommendation)!;
            if (parse.Given(seed))
            {
                options = options with { Seed = parse.GetValue(seed) };
            }
            if (parse.GetValue(customer) is { } id)
            {
                using var store = SegmentaStore.Open(path);
                AnalysisSchema.RequireCustomers(store, path);
                var list = Recommender.ForCustomer(store, id, options);
                var table = new Table().Title($"Recommendations for customer {Markup.Escape(id)}").AddColumns("Rank", "Product", "Description", "Kind", "Method", "Why");
                foreach (var r in list)
                {
                    table.AddRow(r.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.StockCode), Markup.Escape(r.Description), RecommendationOutputs.KindName(r.Kind), r.Method.ToString(), Markup.Escape(r.Reason));
                }
                Terminal.Out.Write(table);
                return 0;
            }
            var (result, files) = CommandRunner.WithProgress(onStep => AnalysisPipeline.Recommend(path, outputDirectory, options, onStep));
            RecommendationPrinter.Print(result);
            Terminal.Out.MarkupLine($"Wrote {string.Join(", ", files.Select(f => Markup.Escape(f)))}.");
            return 0;
        }));
        return command;
    }
}
