using System.Net;
using System.Text.RegularExpressions;
using Segmenta.Tests.Pipeline;

namespace Segmenta.Tests.Reporting;

/// <summary>
/// One story across outputs: a segment's action is the same in the report's tables, segments.csv, insights.md and the
/// activation lists, and every number the summary quotes is the same number in the section it comes from.
/// </summary>
[Collection(ClassicRunCollection.Name)]
public partial class ReportCoherenceTests(ClassicRunFixture run)
{
    private string Html => File.ReadAllText(Path.Combine(run.OutputDirectory, "report.html"));

    [Fact]
    public void Every_segment_has_one_action_in_every_output()
    {
        var segments = Csv(Path.Combine(run.OutputDirectory, "segments.csv"));
        Assert.NotEmpty(segments);
        var insights = File.ReadAllText(Path.Combine(run.OutputDirectory, "insights.md"));
        var report = Html;
        var rfmTable = Rows(Section(report, "rfm"));
        var segmentTables = Rows(Section(report, "segments"));
        foreach (var s in segments)
        {
            var (segmentation, id, name, action) = (s["Segmentation"], s["SegmentId"], s["Name"], s["Action"]);
            Assert.False(string.IsNullOrWhiteSpace(action), $"{segmentation}/{name} has no action");
            Assert.Contains($"| {id}: {name} |", insights);
            Assert.Contains(action, insights.Split('\n').Single(l => l.StartsWith($"| {id}: {name} |", StringComparison.Ordinal)));
            Assert.Contains(segmentTables, r => r[0] == $"{id}: {name}" && r.Contains(action));
            if (segmentation == "rfm")
            {
                Assert.Equal(action, rfmTable.Single(r => r[0] == name)[8]);
            }
        }
        // Activation lists: the clusters' at the top, the RFM segments' under rfm/; one action per list, the catalogued one.
        foreach (var (folder, segmentation) in new[] { ("activation", "kmeans"), (Path.Combine("activation", "rfm"), "rfm") })
        {
            var files = Directory.GetFiles(Path.Combine(run.OutputDirectory, folder), "*.csv");
            Assert.Equal(segments.Count(s => s["Segmentation"] == segmentation), files.Length);
            foreach (var file in files)
            {
                var rows = Csv(file);
                var expected = segments.Single(s => s["Segmentation"] == segmentation && s["Name"] == rows[0]["Segment"])["Action"];
                Assert.All(rows, r => Assert.Equal(expected, r["SuggestedAction"]));
            }
        }
    }

    [Fact]
    public void The_summary_quotes_the_RFM_sections_numbers_and_actions()
    {
        var report = Html;
        var summary = Text(Section(report, "summary"));
        var rfmTable = Rows(Section(report, "rfm"));
        var quoted = QuotedSegment().Matches(summary);
        Assert.True(quoted.Count >= 3, summary);
        foreach (Match m in quoted)
        {
            var row = rfmTable.Single(r => r[0] == m.Groups["segment"].Value);
            Assert.Equal(row[1], m.Groups["customers"].Value);
            Assert.Equal(row[2], m.Groups["customerShare"].Value);
            Assert.Equal(row[3], m.Groups["salesShare"].Value);
            Assert.Equal(row[8], m.Groups["action"].Value.Trim());
        }
        Assert.Contains("Act on the RFM segments", summary);
        Assert.Contains("Partial month: December 2011 (9 of 31 days)", summary);
    }

    [Fact]
    public void RFM_segments_are_explained_by_their_exact_rule()
    {
        var rfm = Csv(Path.Combine(run.OutputDirectory, "segments.csv")).Where(s => s["Segmentation"] == "rfm").ToList();
        Assert.Equal(11, rfm.Count);
        Assert.All(rfm, s => Assert.Equal("1", s["ExplanationFidelity"]));
        Assert.Equal("R score 5 and FM score 1", rfm.Single(s => s["Name"] == "New Customers")["Explanation"]);
        Assert.StartsWith("Onboard them", rfm.Single(s => s["Name"] == "New Customers")["Action"]);
    }

    [Fact]
    public void The_method_section_is_prose_with_an_options_table_not_raw_json()
    {
        var method = Section(Html, "method");
        Assert.DoesNotContain("<pre>", method);
        Assert.Contains("<td>Cleaning.Preset</td><td>Classic</td>", method);
        Assert.Contains("<td>Features.AsOf</td><td>2011-12-10</td>", method);
        Assert.Contains("Cleaning preset: classic", method);
    }

    [Fact]
    public void The_summary_counts_the_clusters_the_model_has_and_names_the_group_set_apart()
    {
        // Audit 2026-12-02: the summary said "Use the 5 K-Means clusters" and "Clusters: 5" for k=4 plus the 3 key
        // accounts outside the clusters (it counted every segment row).
        var summary = Text(Section(Html, "summary"));
        var chosen = Csv(Path.Combine(run.OutputDirectory, "model-selection.csv")).Single(r => r["Chosen"] == "true");
        var outside = Csv(Path.Combine(run.OutputDirectory, "segments.csv")).Single(s => s["Segmentation"] == "kmeans" && s["SegmentId"] == chosen["K"]);

        Assert.Contains($"Use the {chosen["K"]} K-Means clusters, plus {outside["Customers"]} customers set apart as “{outside["Name"]}”, to understand", summary);
        Assert.Contains($"Clusters: {chosen["K"]}, plus {outside["Customers"]} customers set apart as “{outside["Name"]}” — see Choosing the segments;", summary);
    }

    [Fact]
    public void The_recommendation_sentences_quote_intervals_in_the_units_of_their_numbers()
    {
        // Audit 2026-12-02: "gets 3.40 of 10 right ... (95% intervals 0.327–0.353 vs ...)": products against precisions.
        var section = Text(Section(Html, "recommendations"));
        var sentences = RecommendationSentence().Matches(section);
        Assert.Equal(2, sentences.Count);
        foreach (Match m in sentences)
        {
            double Value(string group) => double.Parse(m.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(Value("model"), Value("modelLow"), Value("modelHigh"));
            Assert.InRange(Value("baseline"), Value("baselineLow"), Value("baselineHigh"));
        }
    }

    [Fact]
    public void No_negative_zero_reaches_the_report()
    {
        Assert.DoesNotMatch(@"-0(\.0+)?(%|\b)(?![.\d])", Text(Html));
    }

    // "... recommends, in 10 new products, 1.00 that the customer then bought, against 0.52 for GlobalPopularity (...; 95% intervals 0.94–1.06 vs 0.48–0.57 products in 10)"
    // "... gets 3.40 of 10 right against 2.97 for the customer's own past favourites (95% intervals 3.27–3.53 vs 2.85–3.10 products in 10)"
    [GeneratedRegex(@"(?:in \d+ new products, (?<model>[\d.]+) that|gets (?<model>[\d.]+) of \d+ right) .*?against (?<baseline>[\d.]+) for .*?95% intervals (?<modelLow>[\d.]+)–(?<modelHigh>[\d.]+) vs (?<baselineLow>[\d.]+)–(?<baselineHigh>[\d.]+) products in \d+\)")]
    private static partial Regex RecommendationSentence();

    // "889 Champions (20.5% of customers, 65.4% of net sales): Reward them: ... no discounts needed."
    [GeneratedRegex(@"(?<customers>[\d,]+) (?<segment>[A-Z][A-Za-z' ]+?) \((?<customerShare>[\d.]+%) of customers, (?<salesShare>[\d.]+%) of net sales\): (?<action>[^.]+\.(?:[^.\d][^.]*\.)*?)(?= [\d,]+ [A-Z]|$)", RegexOptions.Multiline)]
    private static partial Regex QuotedSegment();

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html.Replace("</li>", "\n", StringComparison.Ordinal), "<[^>]+>", ""));

    private static List<string[]> Rows(string html) =>
        Regex.Matches(html, "<tr>(.*?)</tr>").Select(m => Regex.Matches(m.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToArray())
            .Where(r => r.Length > 0).ToList();

    private static List<Dictionary<string, string>> Csv(string path)
    {
        using var reader = new StreamReader(path);
        var header = Split(reader.ReadLine()!);
        var rows = new List<Dictionary<string, string>>();
        while (reader.ReadLine() is { } line)
        {
            var cells = Split(line);
            rows.Add(header.Select((h, i) => (h, v: i < cells.Count ? cells[i] : "")).ToDictionary(p => p.h, p => p.v));
        }
        return rows;
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
