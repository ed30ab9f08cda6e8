using System.CommandLine;
using Segmenta.Pipeline;

namespace Segmenta.Cli;

/// <summary><c>segmenta segment --db FILE</c>: re-segment the customers of an earlier analyze run with other options.</summary>
internal static class SegmentCommand
{
    internal static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder for results.", DefaultValueFactory = _ => "out" };
        var db = new Option<string?>("--db") { Description = "Database file of an earlier analyze run. Default: OUT/segmenta.duckdb." };
        var segmentationOptions = new SegmentationOptionSet();
        var profilingOptions = new ProfilingOptionSet();
        var recommendationOptions = new RecommendationOptionSet();
        var command = new Command("segment", "Cluster the customers already in the database again (other algorithm, k, features or scaling) without re-importing; rewrites the segment outputs and the report.")
        {
            output, db,
        };
        segmentationOptions.AddTo(command);
        profilingOptions.AddTo(command);
        recommendationOptions.AddTo(command, withSkip: true);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var location = new AnalysisOptions { OutputDirectory = parse.GetValue(output)!, DatabasePath = parse.GetValue(db) };
            // The stored run's options, changed only where an option was typed: --k 4 keeps the playbook, --top and the seed.
            var stored = RunLog.LastOptions(location.ResolvedDatabasePath);
            var run = stored with
            {
                Segmentation = segmentationOptions.Read(parse, stored.Segmentation),
                Profiling = profilingOptions.Read(parse, stored.Profiling),
                Recommendation = recommendationOptions.Read(parse, stored.Recommendation),
            };
            if (parse.Given(segmentationOptions.Seed))
            {
                run = run.WithSeed(parse.GetValue(segmentationOptions.Seed));
            }
            var options = location.With(run);
            var result = CommandRunner.WithProgress(onStep => AnalysisPipeline.Resegment(options, onStep));
            SummaryPrinter.PrintResegment(result);
            StepTimesPrinter.Print(result.Timings);
            return 0;
        }));
        return command;
    }
}
