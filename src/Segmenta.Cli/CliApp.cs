using System.CommandLine;

namespace Segmenta.Cli;

/// <summary>The segmenta command tree.</summary>
internal static class CliApp
{
    internal static RootCommand CreateRoot() => new("Segmenta: from a shop's transaction log to clean data, exploration, customer features and segments, profiles with actions, recommendations, a report and a dashboard.")
    {
        AnalyzeCommand.Create(),
        ImportCommand.Create(),
        ExploreCommand.Create(),
        SegmentCommand.Create(),
        ScoreCommand.Create(),
        RecommendCommand.Create(),
        ClvCommand.Create(),
        ReportCommand.Create(),
        ServeCommand.Create(),
        GenerateCommand.Create(),
    };

    internal static int Run(string[] args) => CreateRoot().Parse(args).Invoke();
}
