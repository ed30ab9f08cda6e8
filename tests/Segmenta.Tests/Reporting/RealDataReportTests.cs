using Segmenta.Tests.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Reporting;

/// <summary>The report that <c>segmenta analyze</c> writes for the shared data, opened in a real browser.</summary>
[Collection(ClassicRunCollection.Name)]
public class RealDataReportTests(ClassicRunFixture run)
{
    private string ReportPath => Path.Combine(run.OutputDirectory, "report.html");

    [Fact]
    public void The_report_is_one_self_contained_file_under_5_MB()
    {
        var html = File.ReadAllText(ReportPath);
        Assert.InRange(new FileInfo(ReportPath).Length, 10_000, 5 * 1024 * 1024);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        foreach (var section in new[] { "Summary", "Data", "Customer features", "RFM segments", "Method and options" })
        {
            Assert.Contains($">{section}</h2>", html);
        }
        Assert.Contains("392,692", html);
    }

    [Fact]
    public void Every_section_drawn_on_two_threads_gives_the_report_drawn_on_one()
    {
        using var store = Segmenta.Store.SegmentaStore.Open(run.Result.DatabasePath);
        var directory = Path.Combine(run.OutputDirectory, "threads");

        var oneThread = Segmenta.Reporting.ReportWriter.DrawOnThreads(store, new Segmenta.Reporting.ReportOptions(), null, twoThreads: false).Finish(store, Path.Combine(directory, "one.html"));
        var twoThreads = Segmenta.Reporting.ReportWriter.DrawOnThreads(store, new Segmenta.Reporting.ReportOptions(), null, twoThreads: true).Finish(store, Path.Combine(directory, "two.html"));

        Assert.True(oneThread.Charts.Count >= 20, $"only {oneThread.Charts.Count} charts");
        Assert.Equal(oneThread.Charts, twoThreads.Charts);
        Assert.Equal(File.ReadAllBytes(oneThread.Path), File.ReadAllBytes(twoThreads.Path));
    }

    [Fact]
    public void The_lifetime_section_draws_the_tracking_heatmap_and_distribution_charts()
    {
        var html = File.ReadAllText(ReportPath);
        foreach (var chart in new[] { Segmenta.Reporting.Sections.LifetimeSection.TrackingChart, Segmenta.Reporting.Sections.LifetimeSection.AliveChart, Segmenta.Reporting.Sections.LifetimeSection.ClvChart })
        {
            Assert.Contains($"<figcaption>{chart}.", html);
        }
    }

    [Fact]
    public void The_report_loads_in_headless_chromium_without_console_errors_and_shows_every_chart()
    {
        var html = File.ReadAllText(ReportPath);
        var charts = html.Split("<figure class=\"chart\"").Length - 1;

        var (dom, log) = Chromium.DumpDom(new Uri(ReportPath).AbsoluteUri);

        Assert.True(charts >= 8, $"only {charts} charts");
        Assert.Equal(charts, dom.Split("<figure class=\"chart\"").Length - 1);
        Assert.Equal(charts, dom.Split("<svg").Length - 1);
        Assert.DoesNotContain("Uncaught", log);
        Assert.DoesNotContain(":ERROR:CONSOLE", log);
        Assert.DoesNotContain("Failed to load resource", log);

        // The first screen of the report; docs/report.png (the README's picture) is a copy of one of these.
        var screenshot = Path.Combine(run.OutputDirectory, "report.png");
        Chromium.Screenshot(new Uri(ReportPath).AbsoluteUri, screenshot, 1280, 1400);
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }
}
