using System.Text.RegularExpressions;
using ScottPlot;
using Segmenta.Reporting;

namespace Segmenta.Tests.Reporting;

/// <summary>
/// The report draws its charts without ScottPlot's raster settling pass (ChartFactory.Svg): the SVG must be the one
/// ScottPlot's own GetSvgXml makes, for charts whose layout settles over several passes (autoscaled axes, rotated and
/// manual tick labels, dates, text in the data area, a legend).
/// </summary>
public partial class ChartSvgTests
{
    // Skia numbers clip paths with one counter per process, so two renders of one chart differ in those ids only.
    [GeneratedRegex("cl_[0-9a-f]+")]
    private static partial Regex ClipId();

    private static string WithClipIdsInOrder(string svg)
    {
        var seen = new Dictionary<string, int>();
        return ClipId().Replace(svg, m => "clip" + (seen.TryGetValue(m.Value, out var i) ? i : seen[m.Value] = seen.Count));
    }

    private static Plot Bars()
    {
        var plot = ChartFactory.NewPlot("Revenue by product", "Product", "Revenue");
        var values = new[] { 120.5, 3_400.25, 17.0, 980.75, 2_222.0, 45.5, 600.0, 1_500.0, 75.25, 3_999.0 };
        plot.Add.Bars(values);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, values.Length).Select(i => (double)i)], [.. Enumerable.Range(0, values.Length).Select(i => $"A long product name {i}")]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        return plot;
    }

    private static Plot MonthlyWithTextAndLegend()
    {
        var plot = ChartFactory.NewPlot("Customers by month", "Month", "Customers");
        var months = Enumerable.Range(0, 13).Select(m => new DateTime(2010, 12, 1).AddMonths(m).ToOADate()).ToArray();
        var line = plot.Add.Scatter(months, [.. months.Select((_, i) => 800.0 + 37 * i * (i % 3))]);
        line.LegendText = "new customers";
        var text = plot.Add.Text("peak", months[11], 1_200);
        text.LabelFontSize = 11;
        plot.Axes.DateTimeTicksBottom();
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    [Fact]
    public void The_report_svg_is_scottplots_svg()
    {
        foreach (var (make, width, height) in new (Func<Plot>, int, int)[] { (Bars, 860, 380), (MonthlyWithTextAndLegend, 560, 380) })
        {
            var ours = ChartFactory.Svg(make(), width, height);
            var scottPlots = make().GetSvgXml(width, height);

            Assert.Contains("<svg", ours, StringComparison.Ordinal);
            Assert.Equal(WithClipIdsInOrder(scottPlots), WithClipIdsInOrder(ours));
        }
    }
}
