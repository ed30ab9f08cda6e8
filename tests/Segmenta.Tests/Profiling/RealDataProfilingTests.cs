using Segmenta.Segmentation;
using Segmenta.Tests.Pipeline;

namespace Segmenta.Tests.Profiling;

/// <summary>Segment profiles of the shared data, checked against golden numbers computed from the raw file with pandas.</summary>
[Collection(ClassicRunCollection.Name)]
public class RealDataProfilingTests(ClassicRunFixture run)
{
    // Customers and revenue of each RFM segment under the classic cleaning, computed from the raw file by
    // bench/profiling/pandas_rfm_segments.py (pandas 1.5.3; output in bench/profiling/pandas_rfm_segments.out.txt).
    // The script reads none of Segmenta's outputs: it cleans, scores and maps the customers itself.
    private static readonly Dictionary<string, (long Customers, double Revenue)> PandasSegments = new()
    {
        ["Champions"] = (859, 5_742_715.990),
        ["Loyal Customers"] = (567, 1_214_015.161),
        ["At Risk"] = (589, 805_963.582),
        ["Potential Loyalists"] = (496, 280_295.080),
        ["Can't Lose Them"] = (76, 251_596.630),
        ["Lost"] = (685, 181_984.230),
        ["Need Attention"] = (179, 155_885.080),
        ["Hibernating"] = (408, 126_499.281),
        ["About to Sleep"] = (357, 109_798.020),
        ["Promising"] = (87, 12_662.480),
        ["New Customers"] = (35, 5_793.360),
    };

    [Fact]
    public void Segment_sizes_and_revenue_match_pandas_on_the_raw_file()
    {
        var rfm = run.Result.Segmentations.Single(s => s.Segmentation == SegmentationKind.Rfm);

        Assert.Equal(PandasSegments.Keys.Order(), rfm.Segments.Select(s => s.Name).Order());
        foreach (var segment in rfm.Segments)
        {
            Assert.Equal(PandasSegments[segment.Name].Customers, segment.Profile.Customers);
            Assert.Equal(PandasSegments[segment.Name].Revenue, segment.Profile.Revenue, 3);
        }
        // Segments are numbered by descending revenue, as the pandas table is sorted.
        Assert.Equal(PandasSegments.Keys, rfm.Segments.OrderBy(s => s.Profile.SegmentId).Select(s => s.Name));
        Assert.Equal(1.0, rfm.Segments.Sum(s => s.Profile.RevenueShare), 6);
    }

    [Fact]
    public void Every_segment_has_a_name_an_action_and_an_explanation_that_agrees_with_most_customers()
    {
        var rfm = run.Result.Segmentations.Single(s => s.Segmentation == SegmentationKind.Rfm);
        Assert.All(rfm.Segments, s => Assert.False(string.IsNullOrEmpty(s.Action.Action)));
        Assert.Equal(rfm.Segments.Count, rfm.Segments.Select(s => s.Name).Distinct().Count());
        // RFM segments are defined by the map, so their rule is the map's cells, exact.
        Assert.Equal(1, rfm.ExplanationFidelity);
        var champions = rfm.Segments.Single(s => s.Name == "Champions");
        Assert.Equal("R score 5 and FM score 4–5 or R score 4 and FM score 5", champions.Explanation.Rule);
        Assert.Equal(1, champions.Explanation.Fidelity);
        // Clusters have no such rule: a surrogate tree explains them, and it must agree with most customers.
        var clusters = run.Result.Segmentations.Single(s => s.Segmentation != SegmentationKind.Rfm);
        Assert.True(clusters.ExplanationFidelity >= 0.7, $"fidelity {clusters.ExplanationFidelity}");
    }

    [Fact]
    public void Activation_lists_hold_every_customer_once_and_the_insights_cite_numbers()
    {
        var files = Directory.GetFiles(Path.Combine(run.OutputDirectory, "activation"), "*.csv");
        var ids = files.SelectMany(f => File.ReadAllLines(f).Skip(1).Select(l => l.Split(',')[0])).ToList();
        Assert.Equal(4_338, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var insights = File.ReadAllText(Path.Combine(run.OutputDirectory, "insights.md"));
        Assert.Contains("Champions", insights);
        Assert.Matches(@"\d+(\.\d)?% of customers, \d+(\.\d)?% of revenue", insights);
    }
}
