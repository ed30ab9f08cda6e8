using Segmenta.Pipeline;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Issue 20: the PostgreSQL engine gives the DuckDB engine's answer on the shared data, on one server and on a cluster
/// of a coordinator and two shards: the same cleaning counts, the same money to the cent, the same customers.csv
/// features and RFM scores, and the same segments for the same seed. DuckDB is the independent implementation here:
/// the two engines share no SQL in these stages but the rules.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresEngineTests(SharedDataRuns runs)
{
    // The columns the PostgreSQL engine writes; segment names come from profiling and CLV from the lifetime stage,
    // which it does not run yet.
    private const int ComparedColumns = 27;

    [SkippableFact]
    public void One_server_cleans_to_the_same_counts_and_money_as_duckdb()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);

        AssertSameCleaning(runs.DuckDb, runs.Single);
        // Through the one CSV writer on both engines: the file is the same byte for byte.
        Assert.Equal(File.ReadAllText(Path.Combine(runs.Output("duckdb"), "cleaning.csv")), File.ReadAllText(Path.Combine(runs.Output("single"), "cleaning.csv")));
    }

    [SkippableFact]
    public void One_server_gives_the_same_customers_rfm_scores_and_segments_as_duckdb()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);

        AssertSameFeatures(runs.DuckDb, runs.Single);
        AssertSameCustomers("duckdb", "single");
    }

    [SkippableFact]
    public void The_cluster_cleans_to_the_same_counts_and_money_as_duckdb()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);

        AssertSameCleaning(runs.DuckDb, runs.Cluster);
    }

    [SkippableFact]
    public void The_cluster_gives_the_same_customers_rfm_scores_and_segments_as_duckdb()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);

        AssertSameFeatures(runs.DuckDb, runs.Cluster);
        AssertSameCustomers("duckdb", "cluster");
    }

    [SkippableFact]
    public void One_server_writes_the_same_output_files_as_duckdb()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = (runs.DuckDb, runs.Single);

        AssertSameOutputs("duckdb", "single");
    }

    [SkippableFact]
    public void The_cluster_writes_the_same_output_files_as_duckdb()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = (runs.DuckDb, runs.Cluster);

        AssertSameOutputs("duckdb", "cluster");
    }

    /// <summary>
    /// Every file of the run (customers, segments, insights, activation lists, categories, model, recommendations and
    /// their evaluation, lifetime value, exploration tables, the report) is byte-identical; only the local database differs.
    /// </summary>
    private void AssertSameOutputs(string expected, string actual)
    {
        var expectedFolder = runs.Output(expected);
        var actualFolder = runs.Output(actual);
        string[] Files(string folder) => [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f)).Where(f => !f.EndsWith(".duckdb", StringComparison.Ordinal) && !f.EndsWith(".wal", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        var files = Files(expectedFolder);
        Assert.Equal(files, Files(actualFolder));
        Assert.Contains("report.html", files);
        Assert.Contains("recommendations.csv", files);
        Assert.Contains("clv-models.csv", files);
        Assert.Contains(files, f => f.StartsWith("exploration", StringComparison.Ordinal));
        var differing = files.Where(f => !Content(Path.Combine(expectedFolder, f)).AsSpan().SequenceEqual(Content(Path.Combine(actualFolder, f)))).ToList();
        Assert.True(differing.Count == 0, $"{actual} differs from {expected} in: {string.Join(", ", differing)}\n" + string.Join("\n", differing.Select(f => FirstDifference(Path.Combine(expectedFolder, f), Path.Combine(actualFolder, f)))));
    }

    /// <summary>
    /// A file's bytes; in report.html the ids of the charts' clip paths are numbered by a counter of the chart library
    /// that runs on across the reports one process writes (separate processes write the same ids), so they are
    /// renumbered in order of appearance.
    /// </summary>
    private static byte[] Content(string path) => Path.GetFileName(path) == "report.html"
        ? System.Text.Encoding.UTF8.GetBytes(Renumbered(File.ReadAllText(path)))
        : File.ReadAllBytes(path);

    internal static string Renumbered(string html)
    {
        var ids = new Dictionary<string, int>();
        return ClipPathId().Replace(html, m => "cl_#" + (ids.TryGetValue(m.Value, out var n) ? n : ids[m.Value] = ids.Count));
    }

    [System.Text.RegularExpressions.GeneratedRegex("cl_[0-9a-f]+")]
    private static partial System.Text.RegularExpressions.Regex ClipPathId();

    private static string FirstDifference(string expected, string actual)
    {
        var (a, b) = (Renumbered(File.ReadAllText(expected)).Split('\n'), Renumbered(File.ReadAllText(actual)).Split('\n'));
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);
        return line < 0 ? $"{Path.GetFileName(expected)}: {a.Length} vs {b.Length} lines"
            : $"{Path.GetFileName(expected)} line {line + 1}:\n  {a[line][..Math.Min(300, a[line].Length)]}\n  {b[line][..Math.Min(300, b[line].Length)]}";
    }

    private static void AssertSameCleaning(AnalysisResult expected, AnalysisResult actual)
    {
        Assert.Equal(expected.Cleaning.LinesLoaded, actual.Cleaning.LinesLoaded);
        Assert.Equal(expected.Cleaning.Rows.Select(r => (r.Rule, r.Lines, r.Revenue)), actual.Cleaning.Rows.Select(r => (r.Rule, r.Lines, r.Revenue)));
        // Money is DECIMAL on both engines: equal to the last of its four places, not only to the cent.
        Assert.Equal(expected.Cleaning.Money, actual.Cleaning.Money);
        Assert.Equal(8_169_698.78m, decimal.Round(actual.Cleaning.Money.NetSales, 2));
    }

    private static void AssertSameFeatures(AnalysisResult expected, AnalysisResult actual)
    {
        Assert.Equal(expected.Features.Customers, actual.Features.Customers);
        Assert.Equal(expected.Features.AsOf, actual.Features.AsOf);
        Assert.Equal(expected.Features.MonetarySum, actual.Features.MonetarySum);
        Assert.Equal(expected.Features.SegmentSizes, actual.Features.SegmentSizes);
        Assert.Equal(expected.Features.Notes, actual.Features.Notes);
        Assert.NotNull(actual.Clusters);
        Assert.Equal(expected.Clusters!.K, actual.Clusters.K);
    }

    private void AssertSameCustomers(string expected, string actual)
    {
        var duck = Columns(File.ReadAllLines(Path.Combine(runs.Output(expected), "customers.csv")));
        var postgres = Columns(File.ReadAllLines(Path.Combine(runs.Output(actual), "customers.csv")));

        Assert.Equal("CustomerId,Recency,Frequency,Monetary,FirstPurchase,LastPurchase,TenureDays,AverageOrderValue,MeanDaysBetweenPurchases,"
            + "MedianDaysBetweenPurchases,ItemsBought,DistinctProducts,ReturnsCount,ReturnsValue,RefundsValue,ReturnRate,CancellationRate,"
            + "AverageMonthlySpend,SpendTrend,FavouriteWeekday,FavouriteHour,MainCountry,RScore,FScore,MScore,RfmSegment,Segment", postgres[0]);
        Assert.Equal(duck.Length, postgres.Length);
        var differing = duck.Zip(postgres).Where(p => p.First != p.Second).Take(3).ToList();
        Assert.True(differing.Count == 0, "customers.csv differs:\n" + string.Join("\n", differing.Select(d => $"duckdb   {d.First}\npostgres {d.Second}")));
    }

    // Every line cut to the compared columns (customers.csv has no quoted commas in these: ids, numbers, dates, names).
    private static string[] Columns(string[] lines) => [.. lines.Select(l => string.Join(",", l.Split(',').Take(ComparedColumns)))];
}
