using Segmenta.Postgres;
using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// After the models are fitted, every customer's predictions under the chosen models (BG/NBD and Gamma-Gamma on the
/// shared data) are computed in SQL where its lines are (customer_lifetime and customer_lifetime_horizons: on a
/// cluster, every shard over its own customers) and equal the DuckDB run's local values within
/// <see cref="PostgresLifetime.Tolerance"/> (relative above 1).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLifetimeWriteBackTests(SharedDataRuns runs)
{
    [SkippableFact]
    public void Every_customers_predictions_are_computed_in_SQL_where_its_lines_are_and_equal_DuckDBs()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.DuckDb;
        _ = runs.Cluster;
        _ = runs.Single;
        Dictionary<string, double> expected;
        Dictionary<(string, int), (double Purchases, double Clv)> expectedHorizons;
        using (var duck = SegmentaStore.Open(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb")))
        {
            // BG/NBD and Gamma-Gamma are the models the shared data's predictions use (clv-models.csv).
            var chosen = PostgresLifetime.Chosen(duck);
            Assert.IsType<Segmenta.Lifetime.BgNbdModel>(chosen?.Counting);
            Assert.NotNull(chosen.Spend);
            expected = duck.Query("SELECT customer_id, p_alive FROM customer_clv", r => (r.GetString(0), r.GetDouble(1))).ToDictionary(c => c.Item1, c => c.Item2, StringComparer.Ordinal);
            expectedHorizons = duck.Query("SELECT customer_id, horizon_days, expected_purchases, clv FROM customer_clv_horizons",
                r => (Key: (r.GetString(0), r.GetInt32(1)), Purchases: r.GetDouble(2), Clv: r.GetDouble(3))).ToDictionary(h => h.Key, h => (h.Purchases, h.Clv));
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
            // The expected purchases (a hypergeometric series summed in SQL) and the discounted CLV of every horizon.
            var horizons = server.Query("SELECT customer_id, horizon_days, expected_purchases, clv FROM customer_lifetime_horizons",
                r => (Key: (r.GetString(0), r.GetInt32(1)), Purchases: r.GetDouble(2), Clv: r.GetDouble(3)));
            Assert.Equal(expectedHorizons.Keys.Order(), horizons.Select(h => h.Key).Order());
            Assert.All(horizons, h =>
            {
                Assert.InRange(h.Purchases - expectedHorizons[h.Key].Purchases, -PostgresLifetime.Tolerance, PostgresLifetime.Tolerance);
                var clv = expectedHorizons[h.Key].Clv;
                Assert.InRange(h.Clv - clv, -PostgresLifetime.Tolerance * Math.Max(1, Math.Abs(clv)), PostgresLifetime.Tolerance * Math.Max(1, Math.Abs(clv)));
            });
            Assert.True(horizons.Select(h => h.Clv).Distinct().Count() > 4_000, "the CLV takes over 4,000 values");
            using (var duck = SegmentaStore.Open(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb")))
            {
                // Expected spend, P(no purchase) and the churn tier too: nothing differs.
                Assert.Equal((expected.Count, 0L), PostgresLifetime.Compare(duck, server));
            }
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
