using System.Text.RegularExpressions;
using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// A file's lines are copied straight to the shards, each by its distribution key (the customer, else the invoice),
/// without the coordinator routing them: every line must then be on the shard PostgreSQL's hash partitioning puts its
/// key on, a customer's raw lines on the shard of its clean lines (partitioned by customer id), or the coordinator's
/// partition pruning and the shards' own cleaning would read the wrong lines.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCopyTests(SharedDataRuns runs)
{
    [SkippableFact]
    public void Every_copied_line_is_on_the_shard_its_distribution_key_hashes_to()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        var lines = runs.Cluster.Cleaning.LinesLoaded;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        var placed = Placement(database);

        Assert.Equal(lines, placed.Sum(p => p.Lines));
        Assert.All(placed, p => Assert.Equal(p.Lines, p.OnItsShard));
        // A customer's raw lines are where its clean lines are: clean_lines' hash of the customer id gives the same shard.
        Assert.All(placed, p => Assert.Equal(p.Lines - p.WithoutCustomer, p.CustomerOnItsShard));
        Assert.All(placed, p => Assert.Equal(0, p.KeyIsNotTheCustomer));
        // Pruned to one partition, the coordinator finds a customer's lines by their key.
        var customer = Enumerable.Range(0, placed.Count).Sum(i => database.Scalar<long>($"SELECT count(*) FROM raw_lines_p{i} WHERE customer_id = '17850'"));
        Assert.True(customer > 0);
        Assert.Equal(customer, database.Scalar<long>("SELECT count(*) FROM raw_lines WHERE distribution_key = '17850'"));
        var plan = string.Join("\n", database.Query("EXPLAIN SELECT count(*) FROM raw_lines WHERE distribution_key = '17850'", r => r.GetString(0)));
        Assert.Single(Regex.Matches(plan, @"raw_lines_p\d+").Select(m => m.Value).Distinct());
    }

    [SkippableFact]
    public void Lines_without_a_customer_are_spread_over_the_shards_by_invoice()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        var lines = runs.Cluster.Cleaning.LinesLoaded;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        var placed = Placement(database);

        var withoutCustomer = placed.Sum(p => p.WithoutCustomer);
        Assert.True(withoutCustomer > 100_000, "the shared data has over 100,000 lines without a customer");
        Assert.Equal(withoutCustomer, database.Scalar<long>("SELECT count(*) FROM raw_lines WHERE customer_id IS NULL"));
        // Until session 13 they all hashed to the partition of remainder 0 (a NULL key): now each shard holds a good part.
        Assert.All(placed, p => Assert.True(p.WithoutCustomer > withoutCustomer / 3, $"a shard holds {p.WithoutCustomer:N0} of {withoutCustomer:N0} lines without a customer"));
        Assert.All(placed, p => Assert.True(p.Lines > lines / 3, $"a shard holds {p.Lines:N0} of {lines:N0} lines"));
        // An invoice's lines without a customer live together.
        Assert.Equal(0, database.Scalar<long>(
            """
            SELECT count(*) FROM (
                SELECT invoice FROM (SELECT tableoid, invoice FROM raw_lines WHERE customer_id IS NULL AND invoice IS NOT NULL OFFSET 0) l
                GROUP BY invoice HAVING count(DISTINCT tableoid) > 1
            ) split
            """));
    }

    /// <summary>Per shard: its lines, those on the partition the coordinator's hash of their key gives, and their customers'.</summary>
    private List<(long Lines, long OnItsShard, long CustomerOnItsShard, long WithoutCustomer, long KeyIsNotTheCustomer)> Placement(PostgresDatabase database)
    {
        var shards = runs.Servers.Shards.Count;
        // Counted on the coordinator (OFFSET 0): satisfies_hash_partition names the coordinator's tables, not the shard's.
        return [.. Enumerable.Range(0, shards).Select(i => database.Query(
            $"""
            SELECT count(*),
                   count(*) FILTER (WHERE satisfies_hash_partition('raw_lines'::regclass, {shards}, {i}, distribution_key)),
                   count(*) FILTER (WHERE customer_id IS NOT NULL AND satisfies_hash_partition('clean_lines'::regclass, {shards}, {i}, customer_id)),
                   count(*) FILTER (WHERE customer_id IS NULL),
                   count(*) FILTER (WHERE customer_id IS NOT NULL AND distribution_key <> customer_id)
            FROM (SELECT customer_id, distribution_key FROM raw_lines_p{i} OFFSET 0) l
            """, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)))[0])];
    }
}
