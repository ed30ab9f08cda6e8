using Segmenta.Profiling;
using Segmenta.Segmentation;

namespace Segmenta.Tests.Profiling;

public class SegmentNamerTests
{
    internal static SegmentProfile Profile(int id, double recency, double frequency, double monetary, double orderValue = 1, double tenure = 1,
        double share = 0.2, double revenuePerCustomer = 100, long oneTimeBuyers = 0) => new()
    {
        Segmentation = SegmentationKind.KMeans,
        SegmentId = id,
        Customers = 100,
        CustomerShare = share,
        Revenue = revenuePerCustomer * 100,
        RevenueShare = share,
        RevenuePerCustomer = revenuePerCustomer,
        ReturnsRate = 0.01,
        Top20RevenueShare = 0.5,
        OneTimeBuyers = oneTimeBuyers,
        Features = new Dictionary<string, FeatureStat>
        {
            ["recency"] = new("recency", recency * 90, recency * 60, 90, recency),
            ["frequency"] = new("frequency", frequency * 4, frequency * 2, 4, frequency),
            ["monetary"] = new("monetary", monetary * 2000, monetary * 600, 2000, monetary),
            ["average_order_value"] = new("average_order_value", orderValue * 400, orderValue * 300, 400, orderValue),
            ["tenure_days"] = new("tenure_days", tenure * 200, tenure * 200, 200, tenure),
        },
        TopCountries = [],
        TopProducts = [],
        RfmMix = [],
    };

    [Fact]
    public void Recent_frequent_high_spenders_are_named_so()
    {
        var names = SegmentNamer.Name([Profile(0, recency: 0.3, frequency: 3, monetary: 4), Profile(1, 1.2, 0.7, 0.5)]);
        Assert.Equal("Frequent high spenders", names[0]);
        Assert.Equal("Occasional low spenders", names[1]);
    }

    [Fact]
    public void Clusters_built_on_other_features_are_named_by_those_features_not_by_spend()
    {
        static SegmentProfile WithHour(SegmentProfile p, double hour) => p with
        {
            Features = new Dictionary<string, FeatureStat>(p.Features) { ["favourite_hour"] = new("favourite_hour", hour, hour, 12, hour / 12) },
        };
        // The same R/F/M profiles would be "Steady mid spenders, top/mid/low spend": a split the clustering never made.
        var profiles = new[] { WithHour(Profile(0, 1, 1, 1, revenuePerCustomer: 300), 9.6), WithHour(Profile(1, 1, 1, 1, revenuePerCustomer: 200), 12.2), WithHour(Profile(2, 1, 1, 1), 15) };

        var names = SegmentNamer.Name(profiles, clusteringFeatures: ["favourite_hour"]);

        Assert.Equal(["Favourite hour ≈ 9.6", "Favourite hour ≈ 12", "Favourite hour ≈ 15"], names.OrderBy(n => n.Key).Select(n => n.Value));
        Assert.Equal("Steady mid spenders, top spend", SegmentNamer.Name(profiles, clusteringFeatures: ["recency", "frequency", "monetary"])[0]);
    }

    [Fact]
    public void A_tiny_segment_of_extreme_spenders_is_wholesale()
    {
        var names = SegmentNamer.Name([Profile(0, 0.5, 20, 40, share: 0.002)]);
        Assert.Equal("Wholesale accounts", names[0]);
    }

    [Theory]
    [InlineData(2.0, 1.0, 1.5, 1.0, 1.0, 0, "Lapsed high spenders")]
    [InlineData(2.0, 1.0, 0.9, 1.4, 1.0, 0, "Lapsed big baskets")]
    [InlineData(0.4, 0.5, 0.4, 1.0, 0.3, 60, "Recent first-timers")]
    [InlineData(0.4, 0.5, 0.4, 1.0, 0.3, 39, "Recent occasional buyers")]
    [InlineData(0.9, 1.3, 1.1, 1.0, 1.0, 0, "Loyal regulars")]
    [InlineData(2.0, 0.6, 0.3, 0.8, 1.0, 74, "Lapsed one-time buyers")]
    [InlineData(2.0, 0.6, 0.3, 0.8, 1.0, 30, "Lapsed occasional buyers")]
    [InlineData(1.0, 1.0, 1.0, 1.0, 1.0, 0, "Steady mid spenders")]
    public void Each_rule_names_the_profile_it_describes(double r, double f, double m, double aov, double tenure, long oneTimeOf100, string expected) =>
        Assert.Equal(expected, SegmentNamer.Name([Profile(0, r, f, m, aov, tenure, oneTimeBuyers: oneTimeOf100)])[0]);

    [Fact]
    public void Recent_new_customers_are_first_timers_only_when_most_of_them_bought_once()
    {
        // Recent, short tenure, few orders on average: 39 of 100 bought once (the shared data's cluster), the rest came back.
        var mostlyBack = Profile(0, recency: 0.24, frequency: 0.45, monetary: 0.25, orderValue: 0.77, tenure: 0.51, oneTimeBuyers: 39);
        var mostlyOnce = mostlyBack with { OneTimeBuyers = 53 };

        Assert.Equal("Recent occasional buyers", SegmentNamer.Name([mostlyBack])[0]);
        Assert.Equal("Recent first-timers", SegmentNamer.Name([mostlyOnce])[0]);
        // The action follows the same fact: a second-purchase incentive only for a list most of which has not made one.
        Assert.Equal("build-the-habit", Playbook.Default.Choose(mostlyBack, 0.02).PlaybookEntry);
        Assert.Equal("onboard", Playbook.Default.Choose(mostlyOnce, 0.02).PlaybookEntry);
        Assert.DoesNotContain("second-purchase", Playbook.Default.Choose(mostlyBack, 0.02).Action);
    }

    [Fact]
    public void Segments_with_the_same_name_are_told_apart_by_spend_and_names_are_unique()
    {
        var names = SegmentNamer.Name(
        [
            Profile(0, 1.2, 0.7, 0.5, revenuePerCustomer: 50),
            Profile(1, 1.1, 0.6, 0.6, revenuePerCustomer: 80),
            Profile(2, 0.3, 3, 4),
        ]);
        Assert.Equal("Occasional low spenders, higher spend", names[1]);
        Assert.Equal("Occasional low spenders, lower spend", names[0]);
        Assert.Equal(3, names.Values.Distinct().Count());
    }

    [Fact]
    public void User_overrides_replace_derived_names_but_must_stay_unique()
    {
        var profiles = new[] { Profile(0, 0.3, 3, 4), Profile(1, 1.2, 0.7, 0.5) };
        Assert.Equal("VIP", SegmentNamer.Name(profiles, new Dictionary<int, string> { [0] = "VIP" })[0]);
        Assert.Throws<SegmentaException>(() => SegmentNamer.Name(profiles, new Dictionary<int, string> { [0] = "Occasional low spenders" }));
    }
}
