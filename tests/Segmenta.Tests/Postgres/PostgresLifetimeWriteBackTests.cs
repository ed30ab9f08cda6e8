using Segmenta.Postgres;
using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// After the models are fitted, every customer's P(alive) under the chosen BG/NBD model is computed in SQL where its
/// lines are (customer_lifetime: on a cluster, every shard over its own customers) and equals the DuckDB run's local
/// value within <see cref="PostgresLifetime.Tolerance"/>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLifetimeWriteBackTests(SharedDataRuns runs)
{
    [SkippableFact]
    public void Every_customers_P_alive_is_computed_in_SQL_where_its_lines_are_and_equals_DuckDBs()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.DuckDb;
        _ = runs.Cluster;
        _ = runs.Single;
        Dictionary<string, double> expected;
        using (var duck = SegmentaStore.Open(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb")))
        {
            // BG/NBD is the model the shared data's predictions use (clv-models.csv).
            Assert.NotNull(PostgresLifetime.ChosenBgNbd(duck));
            expected = duck.Query("SELECT customer_id, p_alive FROM customer_clv", r => (r.GetString(0), r.GetDouble(1))).ToDictionary(c => c.Item1, c => c.Item2, StringComparer.Ordinal);
        }
        Assert.True(expected.Count > 4_000, "the shared data has over 4,000 customers with a lifetime value");

        foreach (var schema in new[] { runs.ClusterSchema, runs.SingleSchema })
        {
            using var server = PostgresDatabase.Open(runs.Servers.Coordinator, schema);
            var scored = server.Query("SELECT customer_id, p_alive FROM customer_lifetime", r => (Id: r.GetString(0), Alive: r.GetDouble(1)));
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), scored.Select(c => c.Id).Order(StringComparer.Ordinal));
            Assert.All(scored, c => Assert.InRange(c.Alive - expected[c.Id], -PostgresLifetime.Tolerance, PostgresLifetime.Tolerance));
            // Not a constant: customers without repeat purchases are alive (1), the others less, each by their own x, t_x and T.
            Assert.True(scored.Select(c => c.Alive).Distinct().Count() > 1_000, "P(alive) takes over 1,000 values");
        }

        // On the cluster each shard scored its own customers, and the coordinator read the shards' rows only.
        using var coordinator = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        var shards = runs.Servers.Shards.Count;
        for (var i = 0; i < shards; i++)
        {
            var (rows, own) = coordinator.Query(
                $"SELECT count(*), count(*) FILTER (WHERE satisfies_hash_partition('clean_lines'::regclass, {shards}, {i}, customer_id)) FROM (SELECT customer_id FROM customer_lifetime_p{i} OFFSET 0) c",
                r => (r.GetInt64(0), r.GetInt64(1)))[0];
            Assert.True(rows > expected.Count / 4, $"shard {i + 1} scored {rows:N0} customers");
            Assert.Equal(rows, own);
        }
    }
}
