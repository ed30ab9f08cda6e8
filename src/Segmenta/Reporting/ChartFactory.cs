using ScottPlot;
using SkiaSharp;

namespace Segmenta.Reporting;

/// <summary>
/// The report's charts, drawn with ScottPlot and exported as SVG. Every chart has a title, labelled axes and
/// text large enough to read when printed; segment colours come from <see cref="Palette"/>.
/// </summary>
internal static class ChartFactory
{
    private const int Width = 860;
    private const int Height = 380;

    /// <summary>
    /// A line over months (x = month start dates). Months the data covers only in part (<paramref name="partial"/>) are
    /// shaded and drawn with hollow markers so that a short last month does not read as a collapse.
    /// </summary>
    internal static string MonthlyLine(string title, IReadOnlyList<DateTime> months, IReadOnlyList<(string Name, double[] Values)> series, string yLabel,
        IReadOnlyList<bool>? partial = null)
    {
        var plot = NewPlot(title, "Month", yLabel);
        var xs = months.Select(m => m.ToOADate()).ToArray();
        for (var m = 0; m < months.Count; m++)
        {
            if (partial is not null && partial[m])
            {
                var span = plot.Add.HorizontalSpan(months[m].AddDays(-15).ToOADate(), months[m].AddDays(15).ToOADate());
                span.FillStyle.Color = Colors.Gray.WithAlpha(0.18);
                span.LineStyle.Width = 0;
                span.LegendText = "partial month (not comparable)";
            }
        }
        for (var i = 0; i < series.Count; i++)
        {
            var line = plot.Add.Scatter(xs, series[i].Values);
            line.Color = Palette.Plot(i);
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.LegendText = series[i].Name;
        }
        plot.Axes.DateTimeTicksBottom();
        if (series.Count > 1 || partial?.Any(p => p) == true)
        {
            // Below the axes, never over the data (the last month's point used to hide under it).
            plot.ShowLegend(Edge.Bottom);
        }
        return Svg(plot);
    }

    /// <summary>Bars with category labels; colours per bar (e.g. by segment) or the primary colour.</summary>
    internal static string Bars(string title, IReadOnlyList<string> labels, IReadOnlyList<double> values, string categoryLabel, string valueLabel,
        IReadOnlyList<int>? colourIndexes = null, bool horizontal = false)
    {
        var plot = NewPlot(title, horizontal ? valueLabel : categoryLabel, horizontal ? categoryLabel : valueLabel);
        var bars = new List<Bar>();
        for (var i = 0; i < values.Count; i++)
        {
            bars.Add(new Bar
            {
                Position = horizontal ? values.Count - 1 - i : i,
                Value = values[i],
                FillColor = colourIndexes is null ? Palette.Primary : Palette.Plot(colourIndexes[i]),
                LineWidth = 0,
            });
        }
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = horizontal;
        var positions = Enumerable.Range(0, labels.Count).Select(i => (double)(horizontal ? labels.Count - 1 - i : i)).ToArray();
        var ticks = new ScottPlot.TickGenerators.NumericManual(positions, labels.Select(l => Shorten(l, 28)).ToArray());
        if (horizontal)
        {
            plot.Axes.Left.TickGenerator = ticks;
            plot.Axes.Margins(left: 0, bottom: 0.02);
        }
        else
        {
            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Axes.Bottom.TickLabelStyle.Rotation = labels.Count > 8 ? -35 : 0;
            plot.Axes.Bottom.TickLabelStyle.Alignment = labels.Count > 8 ? Alignment.MiddleRight : Alignment.UpperCenter;
            plot.Axes.Margins(bottom: 0);
        }
        return Svg(plot, height: horizontal ? Math.Max(Height, 60 + 24 * labels.Count) : Height);
    }

    /// <summary>A histogram of values, optionally log-scaled bins shown on the original scale.</summary>
    internal static string Histogram(string title, IReadOnlyList<double> values, string xLabel, int bins = 40)
    {
        var plot = NewPlot(title, xLabel, "Customers");
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length > 0 && finite.Max() > finite.Min())
        {
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(bins, finite);
            var bars = plot.Add.Bars(histogram.Bins, histogram.Counts);
            bars.Color = Palette.Primary;
            foreach (var bar in bars.Bars)
            {
                bar.Size = histogram.FirstBinSize;
                bar.LineWidth = 0;
            }
        }
        plot.Axes.Margins(bottom: 0);
        return Svg(plot, width: 420, height: 300);
    }

    /// <summary>
    /// A heatmap of labelled cells (e.g. cohorts x months, segments x features), drawn as rectangles so cells stay
    /// crisp in SVG, each annotated with its text; colours come from Viridis over <paramref name="range"/>.
    /// </summary>
    internal static string Heatmap(string title, double[,] values, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels,
        string xLabel, string yLabel, Func<int, int, string> cellText, (double Min, double Max) range, Func<double, string>? legendValue = null)
    {
        var plot = NewPlot(title, xLabel, yLabel);
        var colormap = new ScottPlot.Colormaps.Viridis();
        var rows = rowLabels.Count;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columnLabels.Count; j++)
            {
                var y = rows - 1 - i;
                var value = values[i, j];
                var rectangle = plot.Add.Rectangle(j - 0.5, j + 0.5, y - 0.5, y + 0.5);
                rectangle.LineWidth = 0;
                rectangle.FillColor = double.IsFinite(value) ? colormap.GetColor(value, new ScottPlot.Range(range.Min, range.Max)) : Colors.LightGray;
                var label = plot.Add.Text(cellText(i, j), j, y);
                label.LabelFontSize = 11;
                label.LabelAlignment = Alignment.MiddleCenter;
                var light = double.IsFinite(value) && (value - range.Min) / (range.Max - range.Min) < 0.55;
                label.LabelFontColor = light ? Colors.White : Colors.Black;
            }
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i)).ToArray(), rowLabels.Select(l => Shorten(l, 24)).ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, columnLabels.Count).Select(i => (double)i).ToArray(), columnLabels.ToArray());
        plot.Axes.SetLimits(-0.5, columnLabels.Count - 0.5, -0.5, rows - 0.5);
        plot.Grid.IsVisible = false;
        if (legendValue is not null)
        {
            // A colour key below the cells: five steps of the scale with the value each colour stands for.
            foreach (var step in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
            {
                var value = range.Min + step * (range.Max - range.Min);
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = (step == 1.0 ? "≥ " : "") + legendValue(value),
                    FillStyle = new FillStyle { Color = colormap.GetColor(value, new ScottPlot.Range(range.Min, range.Max)) },
                });
            }
            plot.ShowLegend(Edge.Bottom);
        }
        return Svg(plot, height: Math.Max(260, 90 + 30 * rows) + (legendValue is null ? 0 : 40));
    }

    /// <summary>Points coloured by group (e.g. customers on two principal components, by segment).</summary>
    internal static string GroupedScatter(string title, IReadOnlyList<(string Name, int Colour, double[] Xs, double[] Ys)> groups, string xLabel, string yLabel)
    {
        var plot = NewPlot(title, xLabel, yLabel);
        foreach (var (name, colour, xs, ys) in groups)
        {
            var points = plot.Add.ScatterPoints(xs, ys);
            points.Color = Palette.Plot(colour).WithAlpha(0.55);
            points.MarkerSize = 3;
            points.LegendText = name;
        }
        plot.ShowLegend(Edge.Right);
        return Svg(plot, height: 460);
    }

    /// <summary>Lines over k (one per criterion) with the chosen k and the elbow marked by vertical lines.</summary>
    internal static string LinesOverK(string title, IReadOnlyList<int> ks, IReadOnlyList<(string Name, double[] Values)> series, string yLabel,
        IReadOnlyList<(int K, string Label)> marks) =>
        Lines(title, [.. ks.Select(k => (double)k)], series, "Number of segments (k)", yLabel, [.. marks.Select(m => ((double)m.K, m.Label))], integerTicks: true);

    /// <summary>Lines over a numeric x, optionally with vertical marks (the first solid, the others dashed).</summary>
    internal static string Lines(string title, double[] xs, IReadOnlyList<(string Name, double[] Values)> series, string xLabel, string yLabel,
        IReadOnlyList<(double X, string Label)> marks, bool integerTicks = false)
    {
        var plot = NewPlot(title, xLabel, yLabel);
        for (var i = 0; i < series.Count; i++)
        {
            var line = plot.Add.Scatter(xs, series[i].Values);
            line.Color = Palette.Plot(i);
            line.LineWidth = 2;
            line.MarkerSize = xs.Length > 30 ? 0 : 7;
            line.LegendText = series[i].Name;
        }
        for (var m = 0; m < marks.Count; m++)
        {
            var vertical = plot.Add.VerticalLine(marks[m].X);
            vertical.Color = m == 0 ? Colors.Black : Colors.Gray;
            vertical.LinePattern = m == 0 ? LinePattern.Solid : LinePattern.Dashed;
            vertical.LineWidth = 1.5f;
            // Named in the legend, not on the line: a label on the line covers the axis ticks.
            vertical.LegendText = marks[m].Label;
        }
        if (integerTicks)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, xs.Select(x => x.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
        if (series.Count > 1 || marks.Count > 0)
        {
            plot.ShowLegend(Edge.Bottom);
        }
        return Svg(plot, width: 560, height: 380);
    }

    /// <summary>
    /// Box plots of one value per group: box = quartiles, bar = median, whiskers = 5th and 95th percentiles (customer
    /// values are too skewed for 1.5 IQR whiskers to mean much); drawn from rectangles and lines so the SVG stays simple.
    /// When the groups span more than two orders of magnitude (a few very large customers), the axis is logarithmic
    /// (ticks in the original units), so that one group of big accounts does not flatten all the others.
    /// </summary>
    internal static string Boxes(string title, IReadOnlyList<(string Name, int Colour, double[] Values)> groups, string yLabel)
    {
        var quantiles = groups.Select(g =>
        {
            var sorted = g.Values.Where(double.IsFinite).Order().ToArray();
            double Q(double p) => sorted[(int)Math.Round(p * (sorted.Length - 1))];
            return sorted.Length == 0 ? null : new[] { Q(0.05), Q(0.25), Q(0.5), Q(0.75), Q(0.95) };
        }).ToList();
        var present = quantiles.Where(q => q is not null).Select(q => q!).ToList();
        var low = present.Count == 0 ? 0 : present.Min(q => q[0]);
        var high = present.Count == 0 ? 1 : present.Max(q => q[4]);
        var logScale = low > 0 && high / low > 100;
        double Y(double v) => logScale ? Math.Log10(v) : v;
        var plot = NewPlot(title, "Segment", logScale ? yLabel + ", log scale" : yLabel);
        for (var g = 0; g < groups.Count; g++)
        {
            if (quantiles[g] is not { } q)
            {
                continue;
            }
            var colour = Palette.Plot(groups[g].Colour);
            var whisker = plot.Add.Line(g, Y(q[0]), g, Y(q[4]));
            whisker.Color = colour;
            whisker.LineWidth = 2;
            var box = plot.Add.Rectangle(g - 0.3, g + 0.3, Y(q[1]), Y(q[3]));
            box.FillColor = colour.WithAlpha(0.6);
            box.LineColor = colour;
            var median = plot.Add.Line(g - 0.3, Y(q[2]), g + 0.3, Y(q[2]));
            median.Color = Colors.Black;
            median.LineWidth = 2;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, groups.Count).Select(i => (double)i).ToArray(), groups.Select(g => Wrap(Shorten(g.Name, 40), 14)).ToArray());
        // Names are long: wrapped on words so that neighbours never run together.
        plot.Axes.Bottom.MinimumSize = 70;
        if (logScale)
        {
            var decades = Enumerable.Range((int)Math.Floor(Math.Log10(low)), (int)Math.Ceiling(Math.Log10(high)) - (int)Math.Floor(Math.Log10(low)) + 1).ToArray();
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                decades.Select(d => (double)d).ToArray(), decades.Select(d => Math.Pow(10, d).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            plot.Axes.SetLimits(-0.6, groups.Count - 0.4, Y(low) - 0.1, Y(high) + 0.1);
        }
        else
        {
            plot.Axes.SetLimits(-0.6, groups.Count - 0.4, Math.Min(0, low), high * 1.05 + 1e-9);
        }
        return Svg(plot, width: 420, height: 380);
    }

    internal static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Title.Label.FontSize = 18;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.FontSize = 14;
            axis.TickLabelStyle.FontSize = 12;
        }
        return plot;
    }

    /// <summary>
    /// The plot as SVG, as ScottPlot's GetSvgXml makes it, without its raster pass: GetSvgXml first renders the plot
    /// onto a bitmap so that the axis limits and tick layout settle before the one pass onto the SVG canvas, and that
    /// anti-aliased drawing cost about as much as the SVG itself. The settling pass here goes to a canvas that draws
    /// nothing; the layout comes from text measuring and the data, not from pixels, so the SVG is the same, byte for byte.
    /// </summary>
    internal static string Svg(Plot plot, int width = Width, int height = Height)
    {
        using (var layout = new SKNoDrawCanvas(width, height))
        {
            plot.Render(layout, width, height);
        }
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            var clear = plot.RenderManager.ClearCanvasBeforeEachRender;
            plot.RenderManager.ClearCanvasBeforeEachRender = false;
            plot.Render(canvas, width, height);
            plot.RenderManager.ClearCanvasBeforeEachRender = clear;
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Breaks a label into lines of at most <paramref name="width"/> characters, on spaces.</summary>
    internal static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }
        lines.Add(line);
        return string.Join("\n", lines);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
