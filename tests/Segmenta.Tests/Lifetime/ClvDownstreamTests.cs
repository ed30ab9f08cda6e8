using Segmenta.Segmentation;
using System.Globalization;
using Segmenta.Profiling;
using Segmenta.Store;
using Segmenta.Tests.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Lifetime;

/// <summary>Predicted lifetime value where the segments are used: profiles, segments.csv and activation lists of a real run.</summary>
[Collection(ClassicRunCollection.Name)]
public sealed class ClvDownstreamTests(ClassicRunFixture run)
{
    [Fact]
    public void Segment_clv_totals_are_the_sums_of_the_customers_csv_cells()
    {
        var header = run.CustomersCsv[0].Split(',');
        int segment = Array.IndexOf(header, "Segment"), clv = Array.IndexOf(header, "Clv365d");
        var sums = run.CustomersCsv.Skip(1).Select(l => l.Split(','))
            .GroupBy(f => int.Parse(f[segment], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Sum(f => decimal.Parse(f[clv], CultureInfo.InvariantCulture)));
        var clusters = run.Result.Segmentations.First(s => s.Segmentation != SegmentationKind.Rfm);
        Assert.Equal(sums.Count, clusters.Segments.Count);
        foreach (var s in clusters.Segments)
        {
            var value = s.Profile.Value!;
            Assert.Equal(365, value.HorizonDays);
            Assert.Equal((double)sums[s.Profile.SegmentId], value.TotalClv!.Value, 1e-6);
            Assert.Equal(value.TotalClv.Value / s.Profile.Customers, value.MeanClv!.Value, 1e-9);
        }
        // Weighted by size the segments' index averages about 1: its base is every customer with a prediction, which
        // need not be exactly the segmented customers.
        Assert.Equal(1, clusters.Segments.Sum(s => s.Profile.Value!.ClvIndex!.Value * s.Profile.Customers) / clusters.Segments.Sum(s => s.Profile.Customers), 1e-3);
        var segmentsCsv = File.ReadAllLines(Path.Combine(run.OutputDirectory, "segments.csv"));
        Assert.Contains("TotalClv,MeanClv,ClvIndex,HighChurnRiskShare", segmentsCsv[0]);
    }

    [Fact]
    public void Activation_lists_can_be_ordered_by_predicted_value()
    {
        using var directory = new TempDirectory();
        var db = directory.File("copy.duckdb");
        File.Copy(Path.Combine(run.OutputDirectory, "segmenta.duckdb"), db);
        using var store = SegmentaStore.Open(db);
        var clusters = run.Result.Segmentations.First(s => s.Segmentation != SegmentationKind.Rfm);
        var largest = clusters.Segments.MaxBy(s => s.Profile.Customers)!.Profile.SegmentId;
        var byClv = Rows(ProfileOutputs.ActivationCsv(store, clusters.Segmentation, largest, ActivationOrder.Clv)!);
        var byMonetary = Rows(ProfileOutputs.ActivationCsv(store, clusters.Segmentation, largest)!);
        Assert.Equal(byMonetary.Count, byClv.Count);
        Assert.True(byClv.Count > 10);
        var clv = byClv.Select(r => decimal.Parse(r["Clv365d"], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(clv.OrderDescending(), clv);
        var monetary = byMonetary.Select(r => double.Parse(r["Monetary"], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(monetary.OrderDescending(), monetary);
        Assert.NotEqual(byClv.Select(r => r["CustomerId"]), byMonetary.Select(r => r["CustomerId"]));
    }

    private static List<Dictionary<string, string>> Rows(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        // Segment names and actions may be quoted; the columns checked here come before them.
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).Where(p => p.First is not ("Segment" or "SuggestedAction")).ToDictionary(p => p.First, p => p.Second))];
    }
}
