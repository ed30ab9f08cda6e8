using System.Globalization;
using System.Text.RegularExpressions;
using Segmenta.Reporting;
using Segmenta.Segmentation;

namespace Segmenta.Tests.Reporting;

/// <summary>Test classes that read Skia's process-wide clip-path counter: they run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClipCounterCollection
{
    public const string Name = "Skia's clip-path counter, read alone";
}

/// <summary>
/// The pipeline warms the report's chart code up while the file loads (Pipeline/WarmUp): that must not touch what the
/// report's bytes depend on, Skia's process-wide counter that numbers the SVG clip paths.
/// </summary>
[Collection(ClipCounterCollection.Name)]
public partial class ChartWarmUpTests
{
    [GeneratedRegex("cl_([0-9a-f]+)")]
    private static partial Regex ClipId();

    private static int FirstClipId(string svg) => int.Parse(ClipId().Match(svg).Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Chart() => ChartFactory.Bars("Revenue by product", ["a", "b", "c"], [1.0, 3.0, 2.0], "Product", "Revenue");

    [Fact]
    public void WarmUp_leaves_the_clip_path_numbers_of_the_next_chart_as_they_would_be_without_it()
    {
        var first = FirstClipId(Chart());
        var second = FirstClipId(Chart());
        ChartFactory.WarmUp();
        var third = FirstClipId(Chart());

        Assert.True(second > first, "an SVG chart moves the counter");
        Assert.Equal(second - first, third - second);
    }

    [Fact]
    public void WarmUpJson_reads_back_the_model_it_writes()
    {
        var model = SegmentationModel.WarmUpJson();

        Assert.Equal(["recency"], model.Features);
        Assert.Equal(1, model.K);
        Assert.Equal(["warm-up"], model.SegmentNames);
    }
}
