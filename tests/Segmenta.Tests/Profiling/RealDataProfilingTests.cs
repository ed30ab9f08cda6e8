using System.Globalization;
using Segmenta.Segmentation;
using Segmenta.Tests.Pipeline;

namespace Segmenta.Tests.Profiling;

/// <summary>Segment profiles of the shared data, checked against an independent aggregation of customers.csv.</summary>
[Collection(ClassicRunCollection.Name)]
public class RealDataProfilingTests(ClassicRunFixture run)
{
    [Fact]
    public void Segment_sizes_and_revenue_match_an_independent_aggregation_of_customers_csv()
    {
        // Independent: group the written customers.csv by its RfmSegment column in plain C#.
        var header = run.CustomersCsv[0].Split(',');
        var segmentColumn = Array.IndexOf(header, "RfmSegment");
        var expected = run.CustomersCsv.Skip(1).Select(l => l.Split(','))
            .GroupBy(f => f[segmentColumn])
            .ToDictionary(g => g.Key, g => (Customers: g.Count(), Revenue: g.Sum(f => double.Parse(f[3], CultureInfo.InvariantCulture))));
        var rfm = run.Result.Segmentations.Single(s => s.Segmentation == SegmentationKind.Rfm);

        Assert.Equal(expected.Count, rfm.Segments.Count);
        foreach (var segment in rfm.Segments)
        {
            Assert.Equal(expected[segment.Name].Customers, segment.Profile.Customers);
            Assert.Equal(expected[segment.Name].Revenue, segment.Profile.Revenue, 1);
        }
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
