using ScottPlot;

namespace Segmenta.Reporting;

/// <summary>
/// The report's charts, drawn with ScottPlot and exported as SVG. Every chart has a title, labelled axes and
/// text large enough to read when printed; segment colours come from <see cref="Palette"/>.
/// </summary>
internal static class ChartFactory
{
    private const int Width = 860;
    private const int Height = 380;

    /// <summary>A line over months (x = month start dates).</summary>
    internal static string MonthlyLine(string title, IReadOnlyList<DateTime> months, IReadOnlyList<(string Name, double[] Values)> series, string yLabel)
    {
        var plot = NewPlot(title, "Month", yLabel);
        var xs = months.Select(m => m.ToOADate()).ToArray();
        for (var i = 0; i < series.Count; i++)
        {
            var line = plot.Add.Scatter(xs, series[i].Values);
            line.Color = Palette.Plot(i);
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.LegendText = series[i].Name;
        }
        plot.Axes.DateTimeTicksBottom();
        if (series.Count > 1)
        {
            plot.ShowLegend(Alignment.UpperLeft);
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
        string xLabel, string yLabel, Func<int, int, string> cellText, (double Min, double Max) range)
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
        return Svg(plot, height: Math.Max(260, 90 + 30 * rows));
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
        plot.ShowLegend(Alignment.UpperRight);
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
            vertical.LabelText = marks[m].Label;
            vertical.LabelFontSize = 12;
        }
        if (integerTicks)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, xs.Select(x => x.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
        if (series.Count > 1)
        {
            plot.ShowLegend(Alignment.UpperRight);
        }
        return Svg(plot, width: 560, height: 340);
    }

    /// <summary>
    /// Box plots of one value per group: box = quartiles, bar = median, whiskers = 5th and 95th percentiles (customer
    /// values are too skewed for 1.5 IQR whiskers to mean much); drawn from rectangles and lines so the SVG stays simple.
    /// </summary>
    internal static string Boxes(string title, IReadOnlyList<(string Name, int Colour, double[] Values)> groups, string yLabel)
    {
        var plot = NewPlot(title, "Segment", yLabel);
        var top = 0.0;
        for (var g = 0; g < groups.Count; g++)
        {
            var sorted = groups[g].Values.Where(double.IsFinite).Order().ToArray();
            if (sorted.Length == 0)
            {
                continue;
            }
            double Q(double p) => sorted[(int)Math.Round(p * (sorted.Length - 1))];
            var colour = Palette.Plot(groups[g].Colour);
            var whisker = plot.Add.Line(g, Q(0.05), g, Q(0.95));
            whisker.Color = colour;
            whisker.LineWidth = 2;
            var box = plot.Add.Rectangle(g - 0.3, g + 0.3, Q(0.25), Q(0.75));
            box.FillColor = colour.WithAlpha(0.6);
            box.LineColor = colour;
            var median = plot.Add.Line(g - 0.3, Q(0.5), g + 0.3, Q(0.5));
            median.Color = Colors.Black;
            median.LineWidth = 2;
            top = Math.Max(top, Q(0.95));
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, groups.Count).Select(i => (double)i).ToArray(), groups.Select(g => Shorten(g.Name, 22)).ToArray());
        plot.Axes.SetLimits(-0.6, groups.Count - 0.4, 0, top * 1.05 + 1e-9);
        return Svg(plot, width: 420, height: 320);
    }

    private static Plot NewPlot(string title, string xLabel, string yLabel)
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

    private static string Svg(Plot plot, int width = Width, int height = Height) => plot.GetSvgXml(width, height);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
