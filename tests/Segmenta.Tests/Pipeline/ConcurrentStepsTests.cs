using Segmenta.Categories;
using Segmenta.Generating;
using Segmenta.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Pipeline;

/// <summary>
/// The steps after the customer features that do not read each other's tables run at the same time, each on its own
/// connection (issue 19). The outputs must be byte-identical to a run of the steps one after another, and a failing
/// step must fail the run as it did, with no step left running on the store.
/// </summary>
public sealed partial class ConcurrentStepsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _shop;

    public ConcurrentStepsTests()
    {
        _shop = _directory.File("shop.csv.gz");
        ShopGenerator.Generate(new GenerateOptions { Lines = 20_000, Seed = 5, Format = GeneratedFormat.CsvGz, OutputPath = _shop });
    }

    [Fact]
    public void Concurrent_steps_write_the_same_bytes_as_the_steps_one_after_another()
    {
        var sequential = Analyze("sequential", concurrent: false);
        var concurrent = Analyze("concurrent", concurrent: true);

        // Every stage ran, recommendations included, so every concurrent branch was exercised.
        Assert.NotNull(concurrent.Recommendations);
        Assert.NotNull(concurrent.Lifetime);
        Assert.NotNull(concurrent.Clusters);
        var files = Files("sequential");
        Assert.Contains("report.html", files);
        Assert.Contains(Path.Combine("exploration", "categories.csv"), files);
        Assert.Equal(files, Files("concurrent"));
        foreach (var file in files)
        {
            var (expected, actual) = (Content(Path.Combine(_directory.File("sequential"), file)), Content(Path.Combine(_directory.File("concurrent"), file)));
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{file} differs: {FirstDifference(expected, actual)}");
        }
        Assert.Equal(sequential.Notes, concurrent.Notes);
        Assert.Equal(sequential.OutputFiles.Select(o => o.Replace("sequential", "", StringComparison.Ordinal)),
            concurrent.OutputFiles.Select(o => o.Replace("concurrent", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_report_drawn_beside_the_recommendations_is_the_report_written_at_once_after_the_run()
    {
        var run = Analyze("concurrent", concurrent: true);

        var again = AnalysisPipeline.Report(run.DatabasePath, _directory.File("again.html"));

        // The charts and queries were drawn as a step of their own (beside the recommendations when they take longer than
        // the outputs); the sections that read the recommendations were written at the end.
        Assert.Single(run.Timings, t => t.Step == "Drawing report");
        Assert.Contains("Recommendations", again.Sections);
        var (expected, actual) = (Content(again.Path), Content(Path.Combine(_directory.File("concurrent"), "report.html")));
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"report.html differs: {FirstDifference(expected, actual)}");
    }

    [Fact]
    public void The_timing_table_lists_the_same_steps_in_the_same_order_and_says_which_overlapped()
    {
        var sequential = Analyze("sequential", concurrent: false);
        var concurrent = Analyze("concurrent", concurrent: true);

        Assert.Equal(sequential.Timings.Select(t => t.Step), concurrent.Timings.Select(t => t.Step));
        Assert.All(sequential.Timings, t => Assert.Empty(t.OverlappedWith));
        // Which branch runs beside Exploring depends on the thread pool (with two cores, segmenting may wait for a thread
        // until Exploring has ended on this small file; CI saw it once): that some step ran beside it does not.
        var overlapped = concurrent.Timings.Single(t => t.Step == "Exploring").OverlappedWith;
        Assert.NotEmpty(overlapped);
        Assert.Empty(concurrent.Timings.Single(t => t.Step == "Cleaning").OverlappedWith);
        // Overlapping steps count once in the run's time, which is then less than the sum of its steps'.
        Assert.True(concurrent.Elapsed < concurrent.Timings.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Wall));
        Assert.Equal(sequential.Timings.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Wall).TotalSeconds, sequential.Elapsed.TotalSeconds, 6);
    }

    [Fact]
    public void A_step_failing_beside_others_fails_the_run_with_its_own_message_and_leaves_no_connection_open()
    {
        // Read when the categories step runs, while segmenting and lifetime value run beside it.
        var vocabulary = _directory.Write("vocabulary.txt", "[products]\nnot a category line\n");

        var sequential = Assert.Throws<SegmentaException>(() => Analyze("sequential", concurrent: false, new CategoryOptions { VocabularyPath = vocabulary }));
        var concurrent = Assert.Throws<SegmentaException>(() => Analyze("concurrent", concurrent: true, new CategoryOptions { VocabularyPath = vocabulary }));

        Assert.Contains("vocabulary.txt", concurrent.Message, StringComparison.Ordinal);
        Assert.Equal(sequential.Message, concurrent.Message);
        // DuckDB checkpoints the database and removes its write-ahead log when the last connection closes.
        Assert.False(File.Exists(Path.Combine(_directory.File("concurrent"), "segmenta.duckdb.wal")));
        Assert.True(File.Exists(Path.Combine(_directory.File("concurrent"), "segmenta.duckdb")));
    }

    public void Dispose() => _directory.Dispose();

    private AnalysisResult Analyze(string name, bool concurrent, CategoryOptions? categories = null) => AnalysisPipeline.Run(new AnalysisOptions
    {
        Inputs = [_shop],
        OutputDirectory = _directory.File(name),
        ConcurrentSteps = concurrent,
        Categories = categories ?? new CategoryOptions(),
    });

    /// <summary>
    /// A file's bytes; in report.html the chart library numbers its clip paths by a counter that runs on across the
    /// reports one process writes (separate processes write the same ids), so they are renumbered in order of appearance.
    /// </summary>
    private static byte[] Content(string path)
    {
        if (Path.GetExtension(path) != ".html")
        {
            return File.ReadAllBytes(path);
        }
        var ids = new Dictionary<string, int>();
        return System.Text.Encoding.UTF8.GetBytes(ClipPathId().Replace(File.ReadAllText(path), m => "cl_#" + (ids.TryGetValue(m.Value, out var n) ? n : ids[m.Value] = ids.Count)));
    }

    [System.Text.RegularExpressions.GeneratedRegex("cl_[0-9a-f]+")]
    private static partial System.Text.RegularExpressions.Regex ClipPathId();

    private static string FirstDifference(byte[] expected, byte[] actual)
    {
        var at = expected.AsSpan().CommonPrefixLength(actual);
        string Around(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes, Math.Max(0, at - 80), Math.Min(bytes.Length, at + 80) - Math.Max(0, at - 80));
        return $"at byte {at}: expected ...{Around(expected)}... got ...{Around(actual)}...";
    }

    private List<string> Files(string name)
    {
        var root = _directory.File(name);
        return [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("segmenta.duckdb", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];
    }
}
