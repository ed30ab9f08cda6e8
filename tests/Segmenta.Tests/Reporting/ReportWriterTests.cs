using Segmenta.Loading;
using Segmenta.Reporting;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Reporting;

public class ReportWriterTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,<img src=x onerror=alert(1)>\n";

    [Fact]
    public void Text_from_the_data_is_escaped_everywhere()
    {
        using var fixture = new StoreFixture();
        var lines = new System.Text.StringBuilder(Header);
        for (var i = 0; i < 30; i++)
        {
            lines.Append(FormattableString.Invariant($"{i},P{i % 4},\"<script>alert('x')</script> & co\",2,2011-01-{1 + i % 28:00} 10:00,1.5,{i % 7},<b>Land</b>\n"));
        }
        var path = fixture.Write("<i onclick=x>shop.csv", lines.ToString());
        Importer.Import(fixture.Store, path, new ImportOptions
        {
            ColumnMap = new Dictionary<ColumnRole, string> { [ColumnRole.Country] = "<img src=x onerror=alert(1)>" },
        });
        fixture.Clean();
        fixture.Features();

        var report = ReportWriter.Write(fixture.Store, fixture.Write("report.html", ""), new ReportOptions { Title = "<script>t</script>" });
        var html = File.ReadAllText(report.Path);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<i onclick", html, StringComparison.Ordinal);
        Assert.Contains("&lt;i onclick=x&gt;shop.csv", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }

    /// <summary>Sixty lines over six months, eleven customers, five products and one cancellation (a cleaning rule removes lines: a chart).</summary>
    private static string SmallShop()
    {
        var lines = new System.Text.StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        for (var i = 0; i < 60; i++)
        {
            lines.Append(FormattableString.Invariant($"{i},P{i % 5},Product {i % 5},{1 + i % 3},2011-0{1 + i % 6}-{1 + i % 27:00} 10:00,{1.5 + i % 4},{i % 11},Land\n"));
        }
        return lines.Append("C61,P1,Product 1,-1,2011-03-02 10:00,1.5,3,Land\n").ToString();
    }

    [Fact]
    public void A_store_gives_the_same_file_each_time_its_report_is_written_in_one_process()
    {
        using var fixture = new StoreFixture();
        fixture.Import(SmallShop());
        fixture.Clean();
        fixture.Features();

        // The chart library numbers clip paths with one counter per process: the second report's counter starts where the first's ended.
        var first = File.ReadAllBytes(ReportWriter.Write(fixture.Store, fixture.Write("first.html", ""), new ReportOptions()).Path);
        var second = ReportWriter.Write(fixture.Store, fixture.Write("second.html", ""), new ReportOptions());

        Assert.NotEmpty(second.Charts);
        Assert.Contains("<clipPath id=\"cl_0\"", File.ReadAllText(second.Path), StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllBytes(second.Path));
    }

    [Fact]
    public void The_report_drawn_on_two_threads_is_the_report_drawn_on_one()
    {
        using var fixture = new StoreFixture();
        fixture.Import(SmallShop());
        fixture.Clean();
        fixture.Features();

        var oneThread = ReportWriter.DrawOnThreads(fixture.Store, new ReportOptions(), null, twoThreads: false).Finish(fixture.Store, fixture.Write("one.html", ""));
        var twoThreads = ReportWriter.DrawOnThreads(fixture.Store, new ReportOptions(), null, twoThreads: true).Finish(fixture.Store, fixture.Write("two.html", ""));

        Assert.Equal(oneThread.Charts, twoThreads.Charts);
        Assert.True(oneThread.Charts.Count >= 3, $"only {oneThread.Charts.Count} charts");
        Assert.Equal(File.ReadAllBytes(oneThread.Path), File.ReadAllBytes(twoThreads.Path));
    }

    [Fact]
    public void A_store_without_an_analysis_is_a_clear_error()
    {
        using var fixture = new StoreFixture();
        var error = Assert.Throws<SegmentaException>(() => ReportWriter.Write(fixture.Store, fixture.Write("r.html", ""), new ReportOptions()));
        Assert.Contains("segmenta analyze", error.Message);
    }
}
