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

        var remote = RemoteSql().Matches(plan).Select(m => m.Groups[1].Value).Where(sql => sql.Contains(".clean_lines_p", StringComparison.Ordinal)).ToList();
        // purchases, orders, monthly spend, purchase days and countries: five aggregates, each on both shards.
        Assert.Equal(10, remote.Count);
        Assert.All(remote, sql => Assert.Contains("GROUP BY", sql, StringComparison.Ordinal));
        Assert.Equal(5, remote.Count(sql => sql.Contains("clean_lines_p0", StringComparison.Ordinal)));
        Assert.Contains("Async Foreign Scan", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Foreign Scan on", plan, StringComparison.Ordinal);
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

    [GeneratedRegex(@"Remote SQL: ([^\n]*)")]
    private static partial Regex RemoteSql();
}
