using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Segmenta.Tests.Pipeline;

namespace Segmenta.Tests.Profiling;

/// <summary>
/// The sentences, names and actions of the default run on the shared data, checked against its customers.csv and
/// segments.csv read by DuckDB's own CSV reader: what insights.md says of a segment must be true of most of its customers.
/// </summary>
[Collection(DefaultRunCollection.Name)]
public sealed partial class RealDataInsightTests(DefaultRunFixture run)
{
    [Fact]
    public void A_segment_where_most_bought_once_is_not_said_to_buy_every_n_days()
    {
        var insights = Bullets();
        var checkedSegments = 0;
        foreach (var (name, customers, oneTime) in OneTimeBuyers())
        {
            var share = (double)oneTime / customers;
            if (share < 0.5)
            {
                continue;
            }
            var sentence = insights.Single(l => l.Contains($" ({name}): ", StringComparison.Ordinal) && l.Contains(" of customers", StringComparison.Ordinal));
            // Lost: 601 of 692 bought once; "they buy every 53 days" would be read as true of all of them.
            var stated = share == 1 ? "all bought only once" : $"{(share * 100).ToString("F1", CultureInfo.InvariantCulture)}% bought only once";
            Assert.Contains(stated, sentence);
            Assert.DoesNotContain("they buy every", sentence);
            checkedSegments++;
        }
        Assert.True(checkedSegments >= 4, $"{checkedSegments} segments where most bought once");
    }

    [Fact]
    public void Names_and_actions_about_first_timers_are_true_of_most_of_the_segment()
    {
        var oneTime = OneTimeBuyers().ToDictionary(s => s.Name, s => (double)s.OneTime / s.Customers);
        var segments = Query($"SELECT Name, Action FROM read_csv('{Path.Combine(run.OutputDirectory, "segments.csv")}')", r => (Name: r.GetString(0), Action: r.GetString(1)));
        foreach (var (name, action) in segments)
        {
            var claimsFirstTimers = FirstTimerWords().IsMatch(name) || FirstTimerWords().IsMatch(action);
            // The shared data's recent cluster: 351 of 893 bought once, 199 three times or more; "Recent first-timers"
            // and "a second-purchase incentive" were wrong for 61% of its list.
            Assert.True(!claimsFirstTimers || oneTime[name] >= 0.5, $"{name} ({action}): {oneTime[name]:P1} bought once");
        }
    }

    [Fact]
    public void The_concentration_insight_names_a_segment_with_a_meaningful_top_fifth()
    {
        var sizes = Query($"SELECT Name, Customers, Top20RevenueShare FROM read_csv('{Path.Combine(run.OutputDirectory, "segments.csv")}')",
            r => (Name: r.GetString(0), Customers: r.GetInt64(1), HasShare: !r.IsDBNull(2)));
        var named = Bullets().Select(l => Concentrated().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(2, named.Count);
        foreach (var name in named)
        {
            // Was "Key accounts (outside the clusters)": 3 customers, so its "top 20%" was one customer.
            Assert.NotEqual(Segmenta.Segmentation.ExtremeCustomers.GroupName, name);
            Assert.True(sizes.Single(s => s.Name == name).Customers >= 20, name);
        }
        Assert.All(sizes, s => Assert.Equal(s.Customers >= 20, s.HasShare));
    }

    [Fact]
    public void Insights_write_every_share_as_their_table_does_with_one_decimal()
    {
        // The table wrote "692 (16.0%)" and the sentence "16% of customers"; the category sentences "3.8 %".
        var percentages = Bullets().SelectMany(l => Percent().Matches(l.Replace("top 20% of customers", "", StringComparison.Ordinal)))
            .Select(m => m.Value).ToList();

        Assert.NotEmpty(percentages);
        Assert.All(percentages, p => Assert.Matches(@"^\d+\.\d%$", p));
    }

    /// <summary>The sentences of insights.md (its bullets), without the reasons of the actions.</summary>
    private List<string> Bullets() =>
        File.ReadAllLines(Path.Combine(run.OutputDirectory, "insights.md")).Where(l => l.StartsWith("- ", StringComparison.Ordinal) && !l.StartsWith("- **", StringComparison.Ordinal)).ToList();

    /// <summary>Customers and one-time buyers (one order) of every segment, RFM and cluster, from customers.csv.</summary>
    private List<(string Name, long Customers, long OneTime)> OneTimeBuyers()
    {
        var customers = Path.Combine(run.OutputDirectory, "customers.csv");
        return Query($"""
            SELECT name, count(*), count(*) FILTER (WHERE Frequency = 1)
            FROM (SELECT RfmSegment AS name, Frequency FROM read_csv('{customers}') UNION ALL SELECT SegmentName, Frequency FROM read_csv('{customers}'))
            GROUP BY name ORDER BY name
            """, r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
    }

    private static List<T> Query<T>(string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    [GeneratedRegex("first-timer|one-time|second.purchase", RegexOptions.IgnoreCase)]
    private static partial Regex FirstTimerWords();

    [GeneratedRegex(@"^- Revenue is most concentrated in (.+): their top 20% of customers")]
    private static partial Regex Concentrated();

    [GeneratedRegex(@"\d+(\.\d+)? ?%")]
    private static partial Regex Percent();
}
