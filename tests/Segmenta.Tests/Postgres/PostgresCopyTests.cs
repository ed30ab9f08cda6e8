using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// A file's lines are copied straight to the shards, each by its customer, without the coordinator routing them: every
/// line must then be on the shard PostgreSQL's hash partitioning puts its customer on, or the coordinator's partition
/// pruning (a customer's look-ups, the lines without a customer) would read the wrong shard.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCopyTests(SharedDataRuns runs)
{
    [SkippableFact]
    public void Every_copied_line_is_on_the_shard_its_customer_hashes_to()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        var lines = runs.Cluster.Cleaning.LinesLoaded;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        var shards = runs.Servers.Shards.Count;

        // Counted on the coordinator (OFFSET 0): satisfies_hash_partition names the coordinator's table, not the shard's.
        var placed = Enumerable.Range(0, shards).Select(i => database.Query(
            $"""
            SELECT count(*), count(*) FILTER (WHERE satisfies_hash_partition('raw_lines'::regclass, {shards}, {i}, customer_id)),
                   count(*) FILTER (WHERE customer_id IS NULL)
            FROM (SELECT customer_id FROM raw_lines_p{i} OFFSET 0) l
            """, r => (Lines: r.GetInt64(0), OnItsShard: r.GetInt64(1), WithoutCustomer: r.GetInt64(2)))[0]).ToList();

        Assert.Equal(lines, placed.Sum(p => p.Lines));
        Assert.All(placed, p => Assert.Equal(p.Lines, p.OnItsShard));
        Assert.All(placed, p => Assert.True(p.Lines > lines / 4, "both shards hold a good part of the lines"));
        // Pruned to one partition, the coordinator finds a customer's lines and the lines without a customer.
        var withoutCustomer = database.Scalar<long>("SELECT count(*) FROM raw_lines WHERE customer_id IS NULL");
        Assert.Equal(placed.Sum(p => p.WithoutCustomer), withoutCustomer);
        Assert.True(withoutCustomer > 100_000, "the shared data has over 100,000 lines without a customer");
        var customer = Enumerable.Range(0, shards).Sum(i => database.Scalar<long>($"SELECT count(*) FROM raw_lines_p{i} WHERE customer_id = '17850'"));
        Assert.True(customer > 0);
        Assert.Equal(customer, database.Scalar<long>("SELECT count(*) FROM raw_lines WHERE customer_id = '17850'"));
    }
}
