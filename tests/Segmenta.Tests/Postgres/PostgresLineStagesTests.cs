using System.Text.RegularExpressions;
using Segmenta.Categories;
using Segmenta.Lifetime;
using Segmenta.Postgres;
using Segmenta.Segmentation;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Issue 20: the product categories, the segments' top products and category preferences and the lifetime summary
/// read the lines where they are. A local store without a single line, given the cluster's customers and the DuckDB
/// run's segments, gets the very tables of the DuckDB run (every value, the doubles to the bit); on the coordinator the
/// regrouping reads only the shards' sums, never a line.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresLineStagesTests(SharedDataRuns runs)
{
    private static readonly DateOnly CalibrationEnd = new(2011, 9, 30);
    private static readonly DateOnly ObservationEnd = new(2011, 12, 9);

    [SkippableFact]
    public void A_store_without_lines_gets_the_DuckDB_categories_profiles_and_lifetime_summary_from_the_cluster()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.DuckDb;
        _ = runs.Cluster;
        using var directory = new TempDirectory();
        using var duck = SegmentaStore.Open(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb"));
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        using var store = SegmentaStore.Open(directory.File("no-lines.duckdb"));
        PostgresResults.BringBack(database, store);
        SegmentMembership.EnsureTable(store);
        using (var appender = store.Connection.CreateAppender("customer_segments"))
        {
            foreach (var (segmentation, customer, segment) in duck.Query("SELECT segmentation, customer_id, segment_id FROM customer_segments",
                r => (r.GetString(0), r.GetString(1), r.GetInt32(2))))
            {
                appender.CreateRow().AppendValue(segmentation).AppendValue(customer).AppendValue(segment).AppendNullValue().AppendNullValue().EndRow();
            }
        }
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM raw_lines"));
        var stages = new PostgresLineStages(new PostgresOptions { Connection = runs.Servers.Coordinator, Schema = runs.ClusterSchema, Shards = runs.Servers.Shards }, runs.ClusterSchema);

        var categories = CategoryStage.Run(store, new CategoryOptions(), stages);
        stages.TopProducts(store);
        stages.Preferences(store);
        var summary = CustomerSummary.Build(store, CalibrationEnd, ObservationEnd, unitDays: 7, stages);

        Assert.Equal(CategoryTables.LoadProducts(duck), CategoryTables.LoadProducts(store));
        Assert.Equal(CategoryTables.LoadSummary(duck), categories.Categories);
        Assert.Equal(CategoryTables.LoadPreferences(duck), CategoryTables.LoadPreferences(store));
        Assert.True(CategoryTables.LoadPreferences(store).Count > 20);
        const string TopProducts = "SELECT * FROM segment_top_products ORDER BY segmentation, segment_id, rank_by_revenue, rank_by_units";
        Assert.Equal(Rows(duck, TopProducts), Rows(store, TopProducts));
        var expected = CustomerSummary.Build(duck, CalibrationEnd, ObservationEnd, unitDays: 7);
        Assert.Equal(expected.CustomerIds, summary.CustomerIds);
        foreach (var (want, got) in new[] { (expected.X, summary.X), (expected.Tx, summary.Tx), (expected.T, summary.T), (expected.SpendPurchases, summary.SpendPurchases),
            (expected.SpendMean, summary.SpendMean), (expected.HoldoutPurchases, summary.HoldoutPurchases) })
        {
            Assert.Equal(want.Select(BitConverter.DoubleToInt64Bits), got.Select(BitConverter.DoubleToInt64Bits));
        }
        duck.Execute(SqlScripts.Get("Lifetime/tracking.sql"));
        const string Firsts = "SELECT day, count(*) FROM lifetime_tracking_first GROUP BY day ORDER BY day";
        const string Repeats = "SELECT day, purchases FROM lifetime_tracking_repeat ORDER BY day";
        Assert.Equal(Rows(duck, Firsts), Rows(store, Firsts));
        Assert.Equal(Rows(duck, Repeats), Rows(store, Repeats));
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM raw_lines"));
    }

    [SkippableFact]
    public void The_coordinator_regroups_only_the_shards_sums_never_lines()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        database.Execute("SET enable_partitionwise_aggregate = on");
        var statements = new[] { "category_summary", "segment_category_preferences", "segment_top_products" }
            .Select(name => SqlScripts.Get($"Postgres/{name}.sql"))
            .Select(sql => sql[(sql.IndexOf(" AS\nWITH", StringComparison.Ordinal) + 4)..].TrimEnd().TrimEnd(';'))
            .Append(SqlScripts.Get("Postgres/product_descriptions.sql").Split("\nWITH", 2) is [_, var query] ? "WITH" + query.TrimEnd().TrimEnd(';') : "")
            .ToList();
        foreach (var statement in statements)
        {
            var scanned = ForeignScan().Matches(database.Explain(statement)).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(scanned);
            // The shards' sums per category, segment and product (and the cleaning's per-rule totals), never a line table.
            Assert.All(scanned, table => Assert.Matches("^([a-z_]+_parts|cleaning_rule_totals)_p[0-9]$", table));
        }
        var lines = database.Scalar<long>("SELECT count(*) FROM clean_lines");
        var back = new[] { "category_summary", "segment_category_preferences", "segment_top_products" }.Sum(t => database.Scalar<long>($"SELECT count(*) FROM {t}"))
            + database.Scalar<long>("SELECT count(*) FROM product_categories");
        Assert.True(back * 50 < lines, $"{back:N0} rows came back for {lines:N0} lines");
    }

    private static List<string> Rows(SegmentaStore store, string sql) => store.Query(sql, r =>
        string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL" : r.GetValue(i) is double d ? BitConverter.DoubleToInt64Bits(d).ToString(System.Globalization.CultureInfo.InvariantCulture) : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));

    [GeneratedRegex(@"Foreign Scan on (?:\S+\.)?(\w+)")]
    private static partial Regex ForeignScan();
}
