using Segmenta.Lifetime;
using Segmenta.Postgres;
using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Issue 20, lifetime value at cluster scale: the buy-till-you-die summary (x, t_x, T) built on the server is the one
/// the DuckDB SQL builds from the same cleaned lines (the mean spend to the bit), and the BG/NBD probability of being alive written as SQL equals
/// <see cref="BgNbdModel.ProbabilityAlive"/> within 1e-9 for every customer of the shared data.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLifetimeSqlTests(SharedDataRuns runs)
{
    private static readonly DateOnly CalibrationEnd = new(2011, 9, 30);
    private static readonly DateOnly ObservationEnd = new(2011, 12, 9);

    [SkippableFact]
    public void The_summary_built_on_the_server_is_the_one_duckdb_builds()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = (runs.Single, runs.DuckDb);
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.SingleSchema);

        var rows = SqlLifetime.Summarize(database, CalibrationEnd, ObservationEnd, unitDays: 7);
        var server = SqlLifetime.Read(database);
        // The DuckDB run of the same lines (the PostgreSQL run leaves no line in its local store).
        using var store = SegmentaStore.Open(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb"));
        var local = CustomerSummary.Build(store, CalibrationEnd, ObservationEnd, unitDays: 7);

        Assert.Equal(local.Count, rows);
        Assert.Equal(local.CustomerIds, server.Select(s => s.CustomerId));
        Assert.Equal(local.X, server.Select(s => (double)s.X));
        Assert.Equal(local.Tx, server.Select(s => s.Tx));
        Assert.Equal(local.T, server.Select(s => s.T));
        Assert.Equal(local.SpendPurchases, server.Select(s => (double)s.SpendPurchases));
        Assert.Equal(local.HoldoutPurchases, server.Select(s => (double)s.HoldoutPurchases));
        // The mean spend: the server's exact sum and count give DuckDB's avg to the bit (DuckDbAverage).
        Assert.Equal(local.SpendMean.Select(BitConverter.DoubleToInt64Bits), server.Select(s => BitConverter.DoubleToInt64Bits(s.SpendMean)));
        Assert.True(local.HoldoutPurchases.Sum() > 0, "the holdout after the calibration end has purchases");
    }

    [SkippableFact]
    public void On_the_cluster_every_shard_summarises_its_own_customers_as_duckdb_does()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = (runs.Cluster, runs.DuckDb);
        var postgres = new PostgresOptions { Connection = runs.Servers.Coordinator, Schema = runs.ClusterSchema, Shards = runs.Servers.Shards };

        var server = SqlLifetime.SummarizeOnShards(postgres, runs.ClusterSchema, CalibrationEnd, ObservationEnd, unitDays: 7);
        using var store = SegmentaStore.Open(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb"));
        var local = CustomerSummary.Build(store, CalibrationEnd, ObservationEnd, unitDays: 7);

        // Each customer once (the shards' customers do not overlap), exactly DuckDB's x, t_x, T and counts.
        Assert.Equal(local.CustomerIds, server.Select(s => s.CustomerId));
        Assert.Equal(local.X, server.Select(s => (double)s.X));
        Assert.Equal(local.Tx, server.Select(s => s.Tx));
        Assert.Equal(local.T, server.Select(s => s.T));
        Assert.Equal(local.SpendPurchases, server.Select(s => (double)s.SpendPurchases));
        Assert.Equal(local.HoldoutPurchases, server.Select(s => (double)s.HoldoutPurchases));
        Assert.Equal(local.SpendMean.Select(BitConverter.DoubleToInt64Bits), server.Select(s => BitConverter.DoubleToInt64Bits(s.SpendMean)));
    }

    [SkippableFact]
    public void The_bgnbd_probability_of_being_alive_in_sql_equals_the_csharp_closed_form()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Single;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.SingleSchema);
        SqlLifetime.Summarize(database, ObservationEnd, ObservationEnd, unitDays: 7);
        // Fader, Hardie & Lee (2005), CDNOW: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 (weeks).
        var model = new BgNbdModel(0.243, 4.414, 0.793, 2.426);

        var rows = database.Query(
            $"SELECT s.x, s.t_x, s.t, a.p_alive FROM lifetime_summary s JOIN ({SqlLifetime.AliveQuery(model)}) a USING (customer_id)",
            r => (X: (double)r.GetInt64(0), Tx: r.GetDouble(1), T: r.GetDouble(2), Alive: r.GetDouble(3)));

        Assert.True(rows.Count > 4000, $"{rows.Count} customers");
        Assert.All(rows, r => Assert.InRange(r.Alive - model.ProbabilityAlive(r.X, r.Tx, r.T), -1e-9, 1e-9));
        Assert.Contains(rows, r => r.Alive < 0.5);
        Assert.Contains(rows, r => r.X > 0 && r.Alive > 0.9);
    }
}
