using Segmenta.Lifetime;
using Segmenta.Postgres;
using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Issue 20, lifetime value at cluster scale: the buy-till-you-die summary (x, t_x, T) built on the server is the one
/// the DuckDB SQL builds from the same cleaned lines (the mean spend to the bit), and every prediction written as SQL
/// (P(alive), expected purchases, expected spend, CLV, P(no purchase) and its tier) under BG/NBD, MBG/NBD and the NBD
/// equals <see cref="ValuePredictor"/>'s within 1e-9 (relative above 1) for every customer of the shared data.
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

    public static TheoryData<string> Models => ["bgnbd", "mbgnbd", "nbd", "bgnbd-without-spend",
        "pareto-nbd", "pareto-nbd-quadrature", "pareto-nbd-alpha-larger-in-days", "pareto-nbd-equal-scales-s-one"];

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void Every_prediction_in_sql_equals_the_csharp_value_predictor(string model)
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = (runs.Single, runs.DuckDb);
        var inputs = Inputs(model);
        var sql = SqlLifetimeValue.For(inputs);
        Assert.NotNull(sql);
        var scratch = $"{runs.SingleSchema}_lifetime_{model.Replace('-', '_')}";
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.SingleSchema);
        try
        {
            // The whole-period summary of the single server's lines, scored in a schema of its own (the run's
            // customer_lifetime stays as analyze wrote it for the other tests).
            SqlLifetime.Summarize(database, ObservationEnd, ObservationEnd, inputs.UnitDays);
            database.Execute($"CREATE SCHEMA {scratch}; SET search_path = {scratch}");
            database.Execute("CREATE TABLE scored_customers AS SELECT customer_id, x, t_x, t, spend_purchases, spend_sum FROM lifetime_summary");
            database.Execute(SqlScripts.Get("Postgres/customer_lifetime.sql"));
            foreach (var statement in sql.Statements("scored_customers"))
            {
                database.Execute(statement);
            }
            var server = database.Query("SELECT customer_id, p_alive, expected_spend, p_no_purchase, churn_risk FROM customer_lifetime",
                r => (Id: r.GetString(0), Alive: r.GetDouble(1), Spend: r.IsDBNull(2) ? (double?)null : r.GetDouble(2), NoPurchase: r.GetDouble(3), Risk: r.GetString(4)))
                .ToDictionary(c => c.Id, StringComparer.Ordinal);
            var horizons = database.Query("SELECT customer_id, horizon_days, expected_purchases, clv FROM customer_lifetime_horizons",
                r => (Id: r.GetString(0), Days: r.GetInt32(1), Purchases: r.GetDouble(2), Clv: r.IsDBNull(3) ? (double?)null : r.GetDouble(3)))
                .ToDictionary(h => (h.Id, h.Days));

            using var store = SegmentaStore.Open(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb"));
            var summary = CustomerSummary.Build(store, ObservationEnd, ObservationEnd, inputs.UnitDays);
            var options = new LifetimeOptions
            {
                HorizonDays = inputs.HorizonDays, DiscountRate = inputs.DiscountRate, ChurnHorizonDays = inputs.ChurnHorizonDays,
                TimeUnit = inputs.UnitDays == 1 ? TimeUnit.Days : TimeUnit.Weeks,
            };
            var local = ValuePredictor.Predict(summary, inputs.Counting, inputs.Spend, options);

            Assert.True(local.Count > 4_000, $"{local.Count} customers");
            Assert.Equal(local.Count, server.Count);
            Assert.Equal(local.Count * inputs.HorizonDays.Count, horizons.Count);
            foreach (var c in local)
            {
                var s = server[c.CustomerId];
                Near(c.ProbabilityAlive, s.Alive);
                Near(c.ProbabilityOfNoPurchase, s.NoPurchase);
                Assert.Equal(c.ChurnRisk.ToString(), s.Risk);
                Near(c.ExpectedSpend, s.Spend);
                for (var k = 0; k < inputs.HorizonDays.Count; k++)
                {
                    var h = horizons[(c.CustomerId, inputs.HorizonDays[k])];
                    Near(c.ExpectedPurchases[k], h.Purchases);
                    Near(c.Clv?[k], h.Clv);
                }
            }
            // Not constants: the predictions vary with each customer's x, t_x and T, and the series was summed.
            Assert.True(server.Values.Select(c => c.Alive).Distinct().Count() > (inputs.Counting is NbdModel ? 0 : 1_000), "P(alive) takes over 1,000 values");
            Assert.True(horizons.Values.Select(h => h.Purchases).Distinct().Count() > 1_000, "the expected purchases take over 1,000 values");
            Assert.Equal(inputs.Spend is null, server.Values.All(c => c.Spend is null));
            Assert.Contains(local, c => c.ChurnRisk == ChurnRisk.High);
            Assert.Contains(local, c => c.ChurnRisk == ChurnRisk.Low);
            if (inputs.Counting is ParetoNbdModel pareto)
            {
                // The branches of ParetoNbdTail these parameters take: the series, the quadrature, or both.
                var (series, quadrature) = DiedTerms(pareto, summary);
                var both = model is "pareto-nbd-quadrature" or "pareto-nbd-alpha-larger-in-days";
                Assert.True(series > (both ? 100 : 3_000), $"{series} customers by the series");
                Assert.True(both ? quadrature > 1_000 : quadrature == 0, $"{quadrature} customers by quadrature");
            }
        }
        finally
        {
            database.Execute($"DROP SCHEMA IF EXISTS {scratch} CASCADE");
        }
    }

    /// <summary>How many customers' died term ParetoNbdTail takes by the series and how many by quadrature (z at t_x above 0.8).</summary>
    private static (int Series, int Quadrature) DiedTerms(ParetoNbdModel model, CustomerSummary summary)
    {
        var died = Enumerable.Range(0, summary.Count).Where(i => summary.Tx[i] < summary.T[i])
            .Select(i => Math.Abs(model.Alpha - model.Beta) / (Math.Max(model.Alpha, model.Beta) + summary.Tx[i]) <= ParetoNbdTail.SeriesLimit).ToList();
        return (died.Count(s => s), died.Count(s => !s));
    }

    /// <summary>
    /// Published fits (weeks): BG/NBD on CDNOW (Fader, Hardie &amp; Lee 2005: r = 0.243, alpha = 4.414, a = 0.793,
    /// b = 2.426), MBG/NBD on CDNOW (lifetimes' ModifiedBetaGeoFitter: r = 0.525, alpha = 6.183, a = 0.891, b = 1.614),
    /// an NBD, Pareto/NBD on CDNOW (Fader &amp; Hardie 2005: r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669), and the
    /// Gamma-Gamma spend model on CDNOW (Fader &amp; Hardie 2013: p = 6.25, q = 3.74, gamma = 15.44); horizons that are and
    /// are not multiples of the 30-day steps. Three more Pareto/NBD models take ParetoNbdTail's other branches: alpha far
    /// below beta (the died term of most customers by quadrature, of those bought from late in the period by a long series),
    /// alpha far above beta in days (m = beta, no interior peak), and equal scales with s = 1 (z = 0: the series is 1; the
    /// expected purchases' bracket is its s = 1 limit).
    /// </summary>
    private static LifetimePredictionInputs Inputs(string model)
    {
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        return model switch
        {
            "bgnbd" => new(new BgNbdModel(0.243, 4.414, 0.793, 2.426), spend, [90, 180, 365], 7, 0.1, 90),
            "mbgnbd" => new(new MbgNbdModel(0.525, 6.183, 0.891, 1.614), spend, [45, 365, 730], 7, 0.15, 60),
            "nbd" => new(new NbdModel(CountingModelKind.BgNbd, 0.385, 12.07), spend, [30, 100], 7, 0.1, 90),
            "pareto-nbd" => new(new ParetoNbdModel(0.553, 10.578, 0.606, 11.669), spend, [90, 180, 365], 7, 0.1, 90),
            "pareto-nbd-quadrature" => new(new ParetoNbdModel(0.9, 2, 5, 200), spend, [45, 365, 730], 7, 0.15, 60),
            "pareto-nbd-alpha-larger-in-days" => new(new ParetoNbdModel(2.5, 1050, 0.8, 21), spend, [30, 100], 1, 0.1, 90),
            "pareto-nbd-equal-scales-s-one" => new(new ParetoNbdModel(0.5, 8, 1, 8), null, [90, 180, 365], 7, 0.1, 90),
            _ => new(new BgNbdModel(0.243, 4.414, 0.793, 2.426), null, [90, 180, 365], 7, 0.1, 90),
        };
    }

    private static void Near(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e && actual is { } a)
        {
            Assert.InRange(a - e, -PostgresLifetime.Tolerance * Math.Max(1, Math.Abs(e)), PostgresLifetime.Tolerance * Math.Max(1, Math.Abs(e)));
        }
    }
}
