using Segmenta.Profiling;

namespace Segmenta.Tests.Profiling;

public class InsightWriterTests
{
    /// <summary>A segment of 100 customers whose repeat buyers' median gap is <paramref name="gapDays"/> (NaN: nobody came back).</summary>
    private static SegmentProfile Segment(int id, long oneTimeBuyers, double gapDays, double top20 = 0.5, long customers = 100)
    {
        var profile = SegmentNamerTests.Profile(id, 1, 1, 1, oneTimeBuyers: oneTimeBuyers) with { Customers = customers, Top20RevenueShare = top20 };
        return profile with
        {
            Features = new Dictionary<string, FeatureStat>(profile.Features)
            {
                ["median_days_between_purchases"] = new("median_days_between_purchases", gapDays, gapDays, 60, gapDays / 60),
            },
        };
    }

    private static string SentenceOf(SegmentProfile profile) => InsightWriter.Write([(profile, "Lost")], "£")[0];

    [Fact]
    public void When_most_bought_once_the_rhythm_is_said_of_the_others_only()
    {
        Assert.Contains("; 87.0% bought only once; the others buy every 53 days (median);", SentenceOf(Segment(0, oneTimeBuyers: 87, gapDays: 53)));
        Assert.Contains("; all bought only once;", SentenceOf(Segment(0, oneTimeBuyers: 100, gapDays: double.NaN)));
        // A few one-time buyers do not change what a marketer reads.
        Assert.Contains("; they buy every 30 days (median);", SentenceOf(Segment(0, oneTimeBuyers: 2, gapDays: 30)));
    }

    [Fact]
    public void Concentration_is_compared_only_among_segments_of_the_base_with_enough_customers()
    {
        var segments = new List<(SegmentProfile, string)>
        {
            (Segment(0, 0, 30, top20: 0.6), "Regulars"),
            (Segment(1, 0, 30, top20: double.NaN, customers: 3), "Tiny"),
            // Key accounts set apart from the clusters: even with enough customers they are not a segment of the base.
            (Segment(2, 0, 2, top20: 0.9, customers: 40), "Key accounts"),
        };

        var insights = InsightWriter.Write(segments, "£", outsideClusters: 2);

        Assert.Contains("Revenue is most concentrated in Regulars: their top 20% of customers make 60.0% of the segment's revenue.", insights);
    }

    [Fact]
    public void Shares_read_with_one_decimal_as_in_the_table()
    {
        var sentence = SentenceOf(Segment(0, 0, 30) with { CustomerShare = 0.16, RevenueShare = 0.022 });
        Assert.StartsWith("Segment 0 (Lost): 16.0% of customers, 2.2% of revenue;", sentence);
    }
}
