using Segmenta.Exploration;
using Segmenta.Lifetime;
using Segmenta.Pipeline;
using Segmenta.Postgres;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// segmenta segment, clv and explore on the database of a PostgreSQL run: the run remembers its servers (without a
/// password) and the commands run their line-level SQL there again, writing what the same commands write on the DuckDB
/// run's database, byte for byte. Each test works on copies of the two runs' databases (the cluster's copy still names
/// the cluster's schema), so the shared runs stay as they are.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoredRunTests(SharedDataRuns runs)
{
    [SkippableFact]
    public void Segment_on_the_cluster_s_database_reclusters_and_profiles_on_the_servers_as_on_duckdb()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();
        var (duck, cluster) = (Copy("duckdb", directory), Copy("cluster", directory));
        // Another k than the run's: profiles, top products and category preferences must be made again for the new segments.
        var k = runs.DuckDb.Clusters!.K == 3 ? 4 : 3;
        ResegmentResult Segment(string database, string output)
        {
            var stored = RunLog.LastOptions(database);
            return AnalysisPipeline.Resegment(new AnalysisOptions { OutputDirectory = output, DatabasePath = database }.With(stored) with
            {
                Segmentation = stored.Segmentation! with { K = k },
            });
        }

        var expected = Segment(duck, directory.File("duck-out"));
        var actual = Segment(cluster, directory.File("cluster-out"));

        Assert.Equal(k, actual.Clusters!.K);
        Assert.Equal(expected.Clusters!.Labels, actual.Clusters.Labels);
        OutputFolders.AssertSame(directory.File("duck-out"), directory.File("cluster-out"));
        Assert.Contains("report.html", Directory.GetFiles(directory.File("cluster-out")).Select(Path.GetFileName));
        // The new segments went back to the server and were assigned there in SQL as locally.
        Assert.Contains(actual.Notes, n => n.Contains("customers assigned to the K-Means segments in SQL on the server, 0 differing", StringComparison.Ordinal));
        using var server = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        // k clusters and the extreme customers' group (segment k), as in the local store.
        Assert.Equal(k, server.Scalar<long>($"SELECT count(DISTINCT segment_id) FROM customer_segments WHERE segmentation = 'kmeans' AND segment_id < {k}"));
        Assert.Equal(actual.Clusters.Labels.Distinct().Count(), server.Scalar<long>("SELECT count(DISTINCT segment_id) FROM customer_segments WHERE segmentation = 'kmeans'"));
    }

    [SkippableFact]
    public void Clv_on_the_cluster_s_database_summarises_on_the_servers_as_on_duckdb()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();
        var (duck, cluster) = (Copy("duckdb", directory), Copy("cluster", directory));
        // A calibration end, so the holdout comparison (clv-holdout.csv) is written too.
        var lifetime = new LifetimeOptions { CalibrationEnd = new DateOnly(2011, 9, 30) };

        var (expected, _) = AnalysisPipeline.Lifetime(duck, new AnalysisOptions { OutputDirectory = directory.File("duck-out"), Lifetime = lifetime });
        var (actual, outputs) = AnalysisPipeline.Lifetime(cluster, new AnalysisOptions { OutputDirectory = directory.File("cluster-out"), Lifetime = lifetime });

        Assert.Contains(outputs, f => f.EndsWith("clv-holdout.csv", StringComparison.Ordinal));
        Assert.Equal(expected.Customers.Select(c => (c.CustomerId, c.ProbabilityAlive, c.ExpectedSpend)), actual.Customers.Select(c => (c.CustomerId, c.ProbabilityAlive, c.ExpectedSpend)));
        OutputFolders.AssertSame(directory.File("duck-out"), directory.File("cluster-out"));
    }

    [SkippableFact]
    public void Explore_on_the_databases_of_one_server_and_of_the_cluster_explores_on_the_servers_as_on_duckdb()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();
        var duck = Copy("duckdb", directory);
        var options = new ExplorationOptions { TopProducts = 25 };

        AnalysisPipeline.Explore(duck, new AnalysisOptions { OutputDirectory = directory.File("duck-out"), Exploration = options });
        foreach (var name in new[] { "single", "cluster" })
        {
            var result = AnalysisPipeline.Explore(Copy(name, directory), new AnalysisOptions { OutputDirectory = directory.File($"{name}-out"), Exploration = options });

            Assert.Equal(25, result.TopProducts.Count(p => p.Ranking == ProductRanking.Revenue));
            OutputFolders.AssertSame(directory.File("duck-out"), directory.File($"{name}-out"));
        }
    }

    [SkippableFact]
    public void The_database_names_its_servers_without_the_password()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var store = SegmentaStore.Open(Path.Combine(runs.Output("cluster"), "segmenta.duckdb"));

        var (connection, schema, shards) = store.Query("SELECT connection, schema_name, shards_json FROM postgres_run", r => (r.GetString(0), r.GetString(1), r.GetString(2)))[0];

        Assert.Equal(runs.ClusterSchema, schema);
        Assert.Contains("Port=54", connection, StringComparison.Ordinal);
        Assert.Contains(runs.Servers.Shards.Select(s => new Npgsql.NpgsqlConnectionStringBuilder(s).Port).Distinct(), p => shards.Contains($"Port={p}", StringComparison.Ordinal));
        Assert.Equal("Host=db;Port=5433;Username=me;Database=shop", ServerRun.WithoutPassword("Host=db;Port=5433;Username=me;Password=s3cret;Database=shop"));
        Assert.DoesNotContain("s3cret", ServerRun.WithoutPassword("Host=db;Password=s3cret;SSL Password=s3cret"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_server_that_is_gone_or_holds_another_run_is_named_with_what_to_do()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();
        var cluster = Copy("cluster", directory);
        string Error(string update)
        {
            using (var store = SegmentaStore.Open(cluster))
            {
                store.Execute(update);
            }
            return Assert.Throws<SegmentaException>(() => AnalysisPipeline.Lifetime(cluster, new AnalysisOptions { OutputDirectory = directory.File("out") })).Message;
        }

        var replaced = Error("UPDATE postgres_run SET run_token = 'another'");
        Assert.Contains("no longer holds the lines", replaced, StringComparison.Ordinal);
        Assert.Contains("analyze --engine postgres", replaced, StringComparison.Ordinal);

        var gone = Error("UPDATE postgres_run SET connection = 'Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3'");
        Assert.Contains("127.0.0.1:1", gone, StringComparison.Ordinal);
        Assert.Contains("could not be reached", gone, StringComparison.Ordinal);

        var unnamed = Error("DROP TABLE postgres_run");
        Assert.Contains("does not name the server", unnamed, StringComparison.Ordinal);
        Assert.Contains("--engine postgres", unnamed, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_dashboard_s_product_search_and_customer_page_read_the_lines_on_the_server_as_on_duckdb()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();
        using var duck = SegmentaStore.Open(Copy("duckdb", directory));
        var customer = duck.Scalar<string>("SELECT customer_id FROM customers ORDER BY frequency DESC, customer_id LIMIT 1")!;
        foreach (var name in new[] { "single", "cluster" })
        {
            using var store = SegmentaStore.Open(Copy(name, directory));

            foreach (var search in new[] { "heart", "85123A", "red retrospot bag", "no such product" })
            {
                Assert.Equal(Segmenta.Web.Dashboard.ProductsPage.Render(duck, search), Segmenta.Web.Dashboard.ProductsPage.Render(store, search));
            }
            var page = Segmenta.Web.Dashboard.CustomerPage.Render(store, customer);
            Assert.Equal(Segmenta.Web.Dashboard.CustomerPage.Render(duck, customer), page);
            Assert.Contains("customer-categories", page, StringComparison.Ordinal);
            Assert.Contains("customer-history", page, StringComparison.Ordinal);
            Assert.NotEmpty(LineLookups.PurchaseHistory(store, customer, 5));
        }
    }

    [SkippableFact]
    public void The_dashboard_says_when_the_server_of_the_lines_is_out_of_reach()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();
        using var store = SegmentaStore.Open(Copy("cluster", directory));
        store.Execute("UPDATE postgres_run SET connection = 'Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3'");
        var customer = store.Scalar<string>("SELECT min(customer_id) FROM customers")!;

        var products = Segmenta.Web.Dashboard.ProductsPage.Render(store, "heart");
        var page = Segmenta.Web.Dashboard.CustomerPage.Render(store, customer);

        Assert.Contains("127.0.0.1:1", products, StringComparison.Ordinal);
        Assert.Contains("could not be reached", page, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "could not be reached"));
    }

    /// <summary>A copy of the database of the shared run <paramref name="name"/>, so that a command may change it.</summary>
    private string Copy(string name, TempDirectory directory)
    {
        _ = name switch
        {
            "duckdb" => runs.DuckDb,
            "single" => runs.Single,
            _ => runs.Cluster,
        };
        var copy = directory.File($"{name}.duckdb");
        File.Copy(Path.Combine(runs.Output(name), "segmenta.duckdb"), copy);
        return copy;
    }
}
