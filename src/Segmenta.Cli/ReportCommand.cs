using System.CommandLine;
using Segmenta.Pipeline;
using Segmenta.Store;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary><c>segmenta report --db FILE --out report.html</c>: regenerate the HTML report from a stored run.</summary>
internal static class ReportCommand
{
    internal static Command Create()
    {
        var db = new Option<string>("--db") { Description = "Database file of an earlier analyze run.", DefaultValueFactory = _ => Path.Combine("out", "segmenta.duckdb") };
        var output = new Option<string>("--out", "-o") { Description = "HTML file to write.", DefaultValueFactory = _ => Path.Combine("out", "report.html") };
        var title = new Option<string?>("--title") { Description = "Report title." };
        var command = new Command("report", "Write the self-contained HTML report of what the database holds.") { db, output, title };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(db)!;
            SegmentaStore.RequireExisting(path);
            // The stored run's report options (currency, title), with the title replaced when one is typed.
            var result = AnalysisPipeline.Report(path, parse.GetValue(output)!, stored => parse.GetValue(title) is { } t ? stored with { Title = t } : stored);
            Terminal.Out.MarkupLine($"Wrote {Markup.Escape(result.Path)} ({result.Bytes / 1024} KB, {result.Sections.Count} sections, {result.Charts.Count} charts).");
            return 0;
        }));
        return command;
    }
}
