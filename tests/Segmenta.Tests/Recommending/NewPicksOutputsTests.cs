using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Segmenta.Cli;
using Segmenta.Pipeline;
using Segmenta.Recommending;
using Segmenta.Store;
using Segmenta.Tests.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Recommending;

/// <summary>
/// One source of truth for what ranked the new picks: the stored rows, the terminal line, recommendation-new-picks.csv,
/// the report's recommendations section, the dashboard page and GET /api/recommendations/new-picks say the same thing
/// with the same numbers, checked against each other on one `segmenta recommend` run over the shared data's store.
/// </summary>
[Collection(ClassicRunCollection.Name)]
public sealed partial class NewPicksOutputsTests(ClassicRunFixture run) : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task The_terminal_the_csv_the_report_the_dashboard_and_the_API_give_the_stored_choice()
    {
        var database = _directory.File("segmenta.duckdb");
        File.Copy(Path.Combine(run.OutputDirectory, "segmenta.duckdb"), database);
        var output = _directory.File("out");

        var (exit, terminal, error) = ConsoleCapture.Run(() => CliApp.Run(["recommend", "--db", database, "--out", output]));

        Assert.True(exit == 0, error);
        IReadOnlyList<NewPicksChoice> stored;
        using (var store = SegmentaStore.Open(database))
        {
            stored = StoredRecommendations.NewPicks(store);
        }
        // The analyze run's choice (in memory) and the re-run's (stored, read back): the same fact, to the last bit.
        Assert.Equal(run.Result.Recommendations!.NewPicksChoices, stored);
        Assert.Equal([NewPicksScope.Evaluation, NewPicksScope.Lists], stored.Select(c => c.Scope));
        var sentence = NewPicksChoice.Sentence(stored);
        Assert.StartsWith("New picks in the evaluation: ranked by the discovery model", sentence, StringComparison.Ordinal);

        // Terminal: the sentence (hard-wrapped at the piped width, so compared without white space).
        Assert.Contains(Squeezed(sentence), Squeezed(terminal), StringComparison.Ordinal);

        // CSV: the stored rows.
        Assert.Equal(NewPicksRecords.CsvLines(stored), File.ReadAllLines(Path.Combine(output, NewPicksRecords.FileName)));

        // Report: the sentence and a row per choice with the stored numbers.
        var report = _directory.File("report.html");
        AnalysisPipeline.Report(database, report);
        var section = Section(File.ReadAllText(report), "recommendations");
        Assert.Contains(sentence, Plain(section), StringComparison.Ordinal);
        foreach (var choice in stored)
        {
            Assert.Contains(Row(choice), Plain(section), StringComparison.Ordinal);
        }

        // Dashboard: the page and the API.
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", database)
            .ConfigureLogging(logging => logging.ClearProviders()));
        using var client = factory.CreateClient();
        var page = Plain(await client.GetStringAsync("/recommendations"));
        Assert.Contains(sentence, page, StringComparison.Ordinal);
        foreach (var choice in stored)
        {
            Assert.Contains(Row(choice), page, StringComparison.Ordinal);
        }
        var api = await client.GetFromJsonAsync<JsonElement>("/api/recommendations/new-picks");
        Assert.Equal(sentence, api.GetProperty("text").GetString());
        var choices = api.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal(stored.Count, choices.Count);
        var csv = File.ReadAllLines(Path.Combine(output, NewPicksRecords.FileName)).Skip(1).Select(l => l.Split(',')).ToList();
        for (var i = 0; i < stored.Count; i++)
        {
            var (json, choice, cells) = (choices[i], stored[i], csv[i]);
            Assert.Equal(choice.Scope.ToString(), json.GetProperty("scope").GetString());
            Assert.Equal(choice.RankedBy.ToString(), json.GetProperty("rankedBy").GetString());
            Assert.Equal(choice.ComparedWith?.ToString(), json.GetProperty("comparedWith").GetString());
            Assert.Equal(choice.Customers, json.GetProperty("customers").GetInt32());
            Assert.Equal(choice.Describe(), json.GetProperty("text").GetString());
            // The API's numbers are the file's cells: the same rounding of the same stored values.
            foreach (var (property, cell) in new[] { ("modelPrecision", 8), ("globalPopularityPrecision", 9), ("recentPopularityPrecision", 10), ("difference", 11), ("differenceLow", 12), ("differenceHigh", 13) })
            {
                Assert.Equal(cells[cell], json.GetProperty(property).GetDouble().ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void The_analyze_run_wrote_the_file_of_its_choice()
    {
        var choices = run.Result.Recommendations!.NewPicksChoices;

        Assert.Equal(2, choices.Count);
        Assert.Equal(NewPicksRecords.CsvLines(choices), File.ReadAllLines(Path.Combine(run.OutputDirectory, NewPicksRecords.FileName)));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A choice's table row as text: its scope, what ranked it, the judges and the difference with its interval.</summary>
    private static string Row(NewPicksChoice c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Scope} | {(c.ValidationDay is { } from ? $"{from:yyyy-MM-dd} to {c.ReferenceDay:yyyy-MM-dd}" : $"none before {c.ReferenceDay:yyyy-MM-dd}")} | {c.RankedBy} | {c.Customers:N0} | "
        + $"{c.ModelPrecision:N4} | {c.GlobalPopularityPrecision:N4} | {c.RecentPopularityPrecision:N4} | {c.Difference:+0.0000;-0.0000;0.0000} | {c.DifferenceLow:+0.0000;-0.0000;0.0000} – {c.DifferenceHigh:+0.0000;-0.0000;0.0000}");

    private static string Squeezed(string text) => WhiteSpace().Replace(text, "");

    /// <summary>The text of an HTML fragment, table cells joined by " | " and rows by new lines, entities decoded.</summary>
    private static string Plain(string html) => WebUtility.HtmlDecode(Tag().Replace(Cell().Replace(html, " | "), ""));

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"</t[dh]>\s*<t[dh][^>]*>")]
    private static partial Regex Cell();
}
