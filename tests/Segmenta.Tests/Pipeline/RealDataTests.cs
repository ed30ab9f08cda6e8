using System.Globalization;

namespace Segmenta.Tests.Pipeline;

/// <summary>
/// The published facts of the UCI Online Retail data (../shared/data/README.md, and Chen, Sain &amp; Guo 2012 via the
/// usual notebooks' "classic" cleaning), reproduced end to end.
/// </summary>
[Collection(ClassicRunCollection.Name)]
public class RealDataTests(ClassicRunFixture run)
{
    [Fact]
    public void Every_one_of_the_541909_lines_is_read_and_loaded()
    {
        var import = Assert.Single(run.Result.Imports);
        Assert.Equal(541_909, import.LinesRead);
        Assert.Equal(541_909, import.LinesLoaded);
        Assert.Equal(0, import.LinesQuarantined);
    }

    [Fact]
    public void Classic_cleaning_leaves_392692_lines_of_4338_customers_worth_8887208_894()
    {
        Assert.Equal(392_692, run.Result.Cleaning.LinesKept);
        Assert.Equal(135_080, run.Result.Cleaning.LinesRemovedByRule["missing_customer"]);
        Assert.Equal(4_338, run.Result.Features.Customers);
        Assert.Equal(8_887_208.894, run.Result.Features.MonetarySum, 3);
    }

    [Fact]
    public void Recency_frequency_and_monetary_sums_match_the_reference()
    {
        Assert.Equal(403_692, run.Result.Features.RecencySum);
        Assert.Equal(18_532, run.Result.Features.FrequencySum);
        Assert.Equal(new DateOnly(2011, 12, 10), run.Result.Features.AsOf);
    }

    [Theory]
    [InlineData("12346", 326, 1, 77183.60)]
    [InlineData("12347", 3, 7, 4310.00)]
    [InlineData("14646", 2, 73, 280206.02)]
    [InlineData("17850", 373, 34, 5391.21)]
    public void Known_customers_have_the_published_recency_frequency_and_monetary(string id, int recency, int frequency, double monetary)
    {
        var fields = run.CustomersCsv.Single(line => line.StartsWith(id + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(recency, int.Parse(fields[1], CultureInfo.InvariantCulture));
        Assert.Equal(frequency, int.Parse(fields[2], CultureInfo.InvariantCulture));
        Assert.Equal(monetary, double.Parse(fields[3], CultureInfo.InvariantCulture), 2);
    }

    [Fact]
    public void Customers_csv_has_one_row_per_customer_and_the_documented_header()
    {
        Assert.StartsWith("CustomerId,Recency,Frequency,Monetary,", run.CustomersCsv[0]);
        Assert.EndsWith(",RScore,FScore,MScore,RfmSegment,Segment,SegmentName,SegmentProbability,"
            + "PAlive,ExpectedPurchases90d,ExpectedPurchases180d,ExpectedPurchases365d,ExpectedSpend,Clv90d,Clv180d,Clv365d,PNoPurchase90d,ChurnRisk", run.CustomersCsv[0]);
        Assert.Equal(4_338 + 1, run.CustomersCsv.Length);
    }

    [Fact]
    public void The_cleaning_report_accounts_for_every_loaded_line()
    {
        var lines = File.ReadAllLines(Path.Combine(run.OutputDirectory, "cleaning.csv")).Skip(1)
            .Select(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).Sum();
        Assert.Equal(541_909, lines);
    }
}
