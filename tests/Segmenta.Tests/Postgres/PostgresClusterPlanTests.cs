using System.Text.RegularExpressions;
using Segmenta.Postgres;
using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// On the cluster the customer features' aggregates over the cleaned lines run on the shards: EXPLAIN shows each as an
/// aggregate inside the remote SQL of an asynchronous foreign scan of every shard's partition, never as lines pulled to
/// the coordinator.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresClusterPlanTests(SharedDataRuns runs)
{
    [SkippableFact]
    public void Every_per_customer_aggregate_of_the_features_is_pushed_down_to_the_shards()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        PostgresLayout.PlanPerPartition(database);
        database.Execute("SET segmenta.as_of = '2011-12-10'; SET segmenta.amounts_known = 'true'");
        var script = SqlDialect.Postgres.Script("Features/customer_features.sql");
        var query = script[(script.IndexOf("CREATE TABLE customer_features AS", StringComparison.Ordinal) + "CREATE TABLE customer_features AS".Length)..];

        var plan = database.Explain(query);

        var remote = RemoteSql().Matches(plan).Select(m => m.Groups[1].Value).Where(sql => sql.Contains(".clean_lines ", StringComparison.Ordinal)).ToList();
        // purchases, orders, monthly spend, purchase days and countries: five aggregates, each on both shards.
        Assert.Equal(10, remote.Count);
        Assert.All(remote, sql => Assert.Contains("GROUP BY", sql, StringComparison.Ordinal));
        Assert.Equal(5, remote.Count(sql => sql.Contains("_p0.clean_lines ", StringComparison.Ordinal)));
        Assert.Contains("Async Foreign Scan", plan, StringComparison.Ordinal);
        // No line of clean_lines is pulled to the coordinator. (The returns and refunds, a few per cent of the lines, are:
        // their monthly sums group by date_trunc and their count by DISTINCT ROW, which postgres_fdw does not ship.)
        Assert.DoesNotMatch(@"Foreign Scan on \S*clean_lines_p", plan);
    }

    [SkippableFact]
    public void Every_shard_cleans_its_own_lines_and_the_coordinator_reads_only_totals()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);

        // Each shard's rules cover exactly its own lines (all of them, each once), and the shards together cover the file.
        var perShard = runs.Servers.Shards.Select((shard, i) =>
        {
            using var remote = PostgresDatabase.Open(shard, PostgresLayout.ShardSchema(runs.ClusterSchema, i));
            return remote.Query(
                "SELECT (SELECT count(*) FROM raw_lines), (SELECT count(*) FROM line_outcomes), (SELECT count(*) FROM raw_lines l WHERE NOT EXISTS (SELECT 1 FROM line_outcomes o WHERE o.import_id = l.import_id AND o.line_number = l.line_number))",
                r => (Lines: r.GetInt64(0), Outcomes: r.GetInt64(1), Missing: r.GetInt64(2)))[0];
        }).ToList();
        Assert.All(perShard, s => Assert.Equal((s.Lines, 0L), (s.Outcomes, s.Missing)));
        Assert.Equal(runs.Cluster.Cleaning.LinesLoaded, perShard.Sum(s => s.Lines));
        Assert.All(perShard, s => Assert.True(s.Lines > runs.Cluster.Cleaning.LinesLoaded / 4, $"a shard holds only {s.Lines} lines"));

        // The report is computed on the coordinator from the shards' per-rule totals: a few rows each, never a line.
        var script = SqlDialect.Postgres.Script("Cleaning/cleaning_report.sql");
        var start = script.IndexOf("CREATE TABLE cleaning_report AS", StringComparison.Ordinal) + "CREATE TABLE cleaning_report AS".Length;
        var report = script[start..script.IndexOf(';', start)];
        database.Execute("DROP TABLE IF EXISTS cleaning_rules; CREATE TEMP TABLE cleaning_rules (step INTEGER, rule TEXT, description TEXT)");
        var plan = database.Explain(report);
        var scanned = ForeignScan().Matches(plan).Select(m => m.Groups[1].Value).Distinct().Order().ToList();
        Assert.Equal(["cleaning_rule_totals_p0", "cleaning_rule_totals_p1"], scanned);
    }

    [SkippableFact]
    public void The_foreign_data_wrapper_lives_in_a_schema_no_run_drops()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);

        var schema = database.Scalar<string>(PostgresLayout.ExtensionSchemaQuery);

        // Also where an earlier version had created it in a run's schema: the run moves it.
        Assert.Equal(PostgresLayout.ExtensionSchema, schema);
        Assert.NotEqual(runs.ClusterSchema, schema);
    }

    [SkippableFact]
    public void Each_customer_lives_on_one_shard()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);

        var perShard = database.Query("SELECT count(DISTINCT customer_id) FROM clean_lines_p0 UNION ALL SELECT count(DISTINCT customer_id) FROM clean_lines_p1", r => r.GetInt64(0));
        var customers = database.Scalar<long>("SELECT count(DISTINCT customer_id) FROM clean_lines");

        Assert.Equal(customers, perShard.Sum());
        Assert.All(perShard, count => Assert.True(count > customers / 4, $"a shard holds only {count} of {customers} customers"));
    }

    [SkippableFact]
    public void Whole_table_aggregates_of_the_lines_run_on_the_shards_and_give_the_whole_tables_answer()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        PostgresLayout.PlanPerPartition(database);
        var dates = $"SELECT min(first_date), max(last_date) FROM ({PostgresLayout.EachPart(database, "clean_lines", "SELECT min(invoice_date) AS first_date, max(invoice_date) AS last_date FROM {table}")}) parts";
        var amounts = $"SELECT sum(missing)::bigint, sum(total)::bigint FROM ({PostgresLayout.EachPart(database, "raw_lines", "SELECT count(*) FILTER (WHERE amount IS NULL) AS missing, count(*) AS total FROM {table}")}) parts";

        var datesPlan = database.Explain(dates);
        var amountsPlan = database.Explain(amounts);

        // One aggregate per shard in the remote SQL, one row back from each; never a line's date or amount.
        var remote = RemoteSql().Matches(datesPlan + "\n" + amountsPlan).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, remote.Count);
        Assert.Equal(2, remote.Count(sql => sql.StartsWith("SELECT min(invoice_date), max(invoice_date) FROM ", StringComparison.Ordinal)));
        Assert.Equal(2, remote.Count(sql => sql.StartsWith("SELECT count(*) FILTER (WHERE (amount IS NULL)), count(*) FROM ", StringComparison.Ordinal)));
        Assert.DoesNotMatch(@"Foreign Scan on \S*(clean|raw)_lines_p", datesPlan + "\n" + amountsPlan);
        // The same values as the aggregates over the partitioned tables, which fetch every line to the coordinator.
        Assert.Equal(database.Query("SELECT min(invoice_date), max(invoice_date) FROM clean_lines", r => (r.GetDateTime(0), r.GetDateTime(1))),
            database.Query(dates, r => (r.GetDateTime(0), r.GetDateTime(1))));
        Assert.Equal(database.Query("SELECT count(*) FILTER (WHERE amount IS NULL), count(*) FROM raw_lines", r => (r.GetInt64(0), r.GetInt64(1))),
            database.Query(amounts, r => (r.GetInt64(0), r.GetInt64(1))));
    }

    [SkippableFact]
    public void The_coordinator_keeps_no_statistics_of_the_lines_and_plans_with_the_shards_estimates()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        const string Statistics = "SELECT count(*) FROM pg_stats WHERE schemaname = current_schema() AND tablename IN ('raw_lines', 'clean_lines')";

        // Analysing a foreign table on PostgreSQL 15 fetches all its rows: the shards analyse their own lines instead.
        Assert.Equal(0L, database.Scalar<long>(Statistics));
        Assert.All(runs.Servers.Shards.Select((shard, i) =>
        {
            using var remote = PostgresDatabase.Open(shard, PostgresLayout.ShardSchema(runs.ClusterSchema, i));
            return remote.Scalar<long>(Statistics);
        }), columns => Assert.True(columns >= 20, $"a shard has statistics of {columns} columns of its two line tables"));
        // The coordinator's estimate of a shard's lines is that shard's own (use_remote_estimate), not a default guess.
        var kept = database.Scalar<long>("SELECT count(*) FROM clean_lines_p0");
        var estimated = long.Parse(EstimatedRows().Match(string.Join("\n", database.Query("EXPLAIN SELECT * FROM clean_lines_p0", r => r.GetString(0)))).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(estimated, kept * 9 / 10, kept * 11 / 10);
    }

    [GeneratedRegex(@"Remote SQL: ([^\n]*)")]
    private static partial Regex RemoteSql();

    [GeneratedRegex(@"Foreign Scan on (?:\S+\.)?(\w+)")]
    private static partial Regex ForeignScan();

    [GeneratedRegex(@"rows=(\d+)")]
    private static partial Regex EstimatedRows();
}
