using Npgsql;
using Segmenta.Generating;
using Segmenta.Lifetime;
using Segmenta.Pipeline;
using Segmenta.Postgres;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Pareto/NBD chosen, and <c>segmenta clv DB</c> on a PostgreSQL run's database: the server's customer_lifetime and
/// customer_lifetime_horizons follow the command's fits and options (model, horizons, churn horizon), every value equal
/// to the C# predictions of the same command within <see cref="PostgresLifetime.Tolerance"/>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLifetimeRescoreTests(SharedDataRuns runs)
{
    private static readonly LifetimeOptions ParetoWithOtherHorizons = new()
    {
        Model = ModelChoice.ParetoNbd, HorizonDays = [60, 120], ChurnHorizonDays = 60,
    };

    [SkippableTheory]
    [InlineData("single")]
    [InlineData("cluster")]
    public void Clv_on_the_shared_data_s_database_scores_the_server_s_tables_again_with_its_model_and_horizons(string name)
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = (runs.DuckDb, name == "single" ? runs.Single : runs.Cluster);
        using var directory = new TempDirectory();
        var (duck, stored) = (Copy("duckdb", directory), Copy(name, directory));
        var postgres = new PostgresOptions
        {
            Connection = runs.Servers.Coordinator,
            Schema = name == "single" ? runs.SingleSchema : runs.ClusterSchema,
            Shards = name == "single" ? [] : runs.Servers.Shards,
        };
        using var server = PostgresDatabase.Open(postgres.Connection, postgres.Schema);
        Assert.Equal([90, 180, 365], server.Query("SELECT DISTINCT horizon_days FROM customer_lifetime_horizons ORDER BY 1", r => r.GetInt32(0)));
        try
        {
            var (expected, _) = AnalysisPipeline.Lifetime(duck, new AnalysisOptions { OutputDirectory = directory.File("duck-out"), Lifetime = ParetoWithOtherHorizons });
            var (actual, _) = AnalysisPipeline.Lifetime(stored, new AnalysisOptions { OutputDirectory = directory.File("out"), Lifetime = ParetoWithOtherHorizons });

            // Pareto/NBD was chosen (on the shared data its fit ends at the no-dropout limit s = 0: the NBD's form).
            Assert.Equal(CountingModelKind.ParetoNbd, actual.Chosen);
            Assert.Contains(actual.Notes, n => n.Contains("customer_lifetime_horizons", StringComparison.Ordinal) && n.Contains("(pareto-nbd and gamma-gamma), 0 differing", StringComparison.Ordinal));
            Assert.Equal([60, 120], server.Query("SELECT DISTINCT horizon_days FROM customer_lifetime_horizons ORDER BY 1", r => r.GetInt32(0)));
            using var local = SegmentaStore.Open(duck);
            var customers = local.Scalar<long>("SELECT count(*) FROM customer_clv");
            Assert.Equal(expected.Customers.Count, customers);
            // Every value and tier of every customer equals the C# predictions of the same command on the DuckDB run.
            Assert.Equal((customers, 0L), PostgresLifetime.Compare(local, server));
            Assert.Equal(local.Scalar<long>("SELECT count(*) FROM customer_clv WHERE churn_risk = 'High'"),
                server.Scalar<long>("SELECT count(*) FROM customer_lifetime WHERE churn_risk = 'High'"));
        }
        finally
        {
            // The shared run's tables as analyze wrote them, for the other tests.
            using var original = SegmentaStore.Open(Path.Combine(runs.Output(name), "segmenta.duckdb"));
            PostgresLifetime.WriteBack(original, postgres, server);
        }
    }

    /// <summary>
    /// A generated shop whose customers drop out: Pareto/NBD's fit has all four parameters (beta far above alpha, so
    /// the died term of the customers who bought last early is taken by quadrature, of the others by the series);
    /// analyze writes its predictions where the lines are, and clv DB with other horizons writes them again.
    /// </summary>
    [SkippableTheory]
    [InlineData("single")]
    [InlineData("cluster")]
    public void Pareto_nbd_with_dropout_is_scored_in_sql_by_analyze_and_again_by_clv(string name)
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();
        var shop = directory.File("shop.csv.gz");
        ShopGenerator.Generate(new GenerateOptions { Lines = 20_000, Seed = 7, Format = GeneratedFormat.CsvGz, OutputPath = shop });
        var schema = $"segmenta_test_pareto_{name}_{Guid.NewGuid().ToString("N")[..8]}";
        var postgres = new PostgresOptions { Connection = runs.Servers.Coordinator, Schema = schema, Shards = name == "single" ? [] : runs.Servers.Shards };
        try
        {
            var analysis = AnalysisPipeline.Run(new AnalysisOptions
            {
                Inputs = [shop], OutputDirectory = directory.File("out"), Engine = Engine.Postgres, Postgres = postgres,
                Lifetime = new LifetimeOptions { Model = ModelChoice.ParetoNbd },
            });
            var database = directory.File("out/segmenta.duckdb");
            using (var store = SegmentaStore.Open(database))
            {
                var pareto = Assert.IsType<ParetoNbdModel>(PostgresLifetime.Chosen(store)?.Counting);
                // t_x and T of every customer, where its lines are (the table the SQL scored).
                var summary = (postgres.Shards.Count == 0 ? [(postgres.Connection, schema)] : postgres.Shards.Select((s, i) => (s, PostgresLayout.ShardSchema(schema, i))))
                    .SelectMany(place =>
                    {
                        using var where = PostgresDatabase.Open(place.Item1, place.Item2);
                        return where.Query("SELECT t_x, t FROM lifetime_customers", r => (Tx: r.GetDouble(0), T: r.GetDouble(1)));
                    }).ToList();
                Assert.Equal(store.Scalar<long>("SELECT count(*) FROM customer_clv"), summary.Count);
                Assert.Contains(summary, c => c.Tx < c.T && Math.Abs(pareto.Alpha - pareto.Beta) / (Math.Max(pareto.Alpha, pareto.Beta) + c.Tx) > ParetoNbdTail.SeriesLimit);
                Assert.Contains(summary, c => c.Tx < c.T && Math.Abs(pareto.Alpha - pareto.Beta) / (Math.Max(pareto.Alpha, pareto.Beta) + c.Tx) <= ParetoNbdTail.SeriesLimit);
            }
            Assert.Contains(analysis.Notes, n => n.Contains("(pareto-nbd and gamma-gamma), 0 differing", StringComparison.Ordinal));
            using var server = PostgresDatabase.Open(postgres.Connection, schema);
            AssertEqualToLocal(database, server, [90, 180, 365]);

            var (again, _) = AnalysisPipeline.Lifetime(database, new AnalysisOptions
            {
                OutputDirectory = directory.File("again"),
                Lifetime = new LifetimeOptions { Model = ModelChoice.ParetoNbd, HorizonDays = [30, 730], ChurnHorizonDays = 30, DiscountRate = 0.2 },
            });

            Assert.Contains(again.Notes, n => n.Contains("(pareto-nbd and gamma-gamma), 0 differing", StringComparison.Ordinal));
            AssertEqualToLocal(database, server, [30, 730]);
        }
        finally
        {
            Drop(postgres);
        }
    }

    /// <summary>The server's tables hold the local customers, the given horizons, and the local values within the tolerance.</summary>
    private static void AssertEqualToLocal(string database, PostgresDatabase server, int[] horizons)
    {
        using var store = SegmentaStore.Open(database);
        var customers = store.Scalar<long>("SELECT count(*) FROM customer_clv");
        Assert.True(customers > 100, $"{customers} customers");
        Assert.Equal(horizons, server.Query("SELECT DISTINCT horizon_days FROM customer_lifetime_horizons ORDER BY 1", r => r.GetInt32(0)));
        Assert.Equal((customers, 0L), PostgresLifetime.Compare(store, server));
        // Not constants: P(alive) below 1 for customers with repeat purchases, each by its own x, t_x and T.
        Assert.True(server.Scalar<long>("SELECT count(DISTINCT p_alive) FROM customer_lifetime WHERE p_alive < 1") > customers / 4);
    }

    private static void Drop(PostgresOptions postgres)
    {
        foreach (var connection in new[] { postgres.Connection }.Concat(postgres.Shards))
        {
            using var database = new NpgsqlConnection(connection);
            database.Open();
            using var command = new NpgsqlCommand(
                $"DROP SCHEMA IF EXISTS \"{postgres.Schema}\" CASCADE; DROP SERVER IF EXISTS \"{postgres.Schema}_shard1\" CASCADE; DROP SERVER IF EXISTS \"{postgres.Schema}_shard2\" CASCADE", database);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>A copy of the database of the shared run <paramref name="name"/>, so that a command may change it.</summary>
    private string Copy(string name, TempDirectory directory)
    {
        var copy = directory.File($"{name}.duckdb");
        File.Copy(Path.Combine(runs.Output(name), "segmenta.duckdb"), copy);
        return copy;
    }
}
