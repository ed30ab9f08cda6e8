using System.Diagnostics;
using Segmenta.Pipeline;
using Segmenta.Postgres;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// The line-level tables a run derives where the lines are are UNLOGGED (written once, not once more to the WAL); the
/// results other tools join stay logged; a server that crashes empties the unlogged tables and its run token with
/// them, so a re-run on the run's database says the schema holds no run instead of reading empty tables.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresUnloggedTests(SharedDataRuns runs)
{
    private static readonly string[] LineLevel = ["raw_lines", "clean_lines", "line_outcomes", "returns", "refunds", "customer_cancellations", "purchase_lines", "segmenta_run"];

    private static readonly string[] Results = ["customers", "customer_features", "customer_segments", "customer_assignments"];

    [SkippableFact]
    public void Line_tables_are_unlogged_where_the_lines_are_and_the_results_stay_logged()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        _ = runs.Single;

        for (var i = 0; i < runs.Servers.Shards.Count; i++)
        {
            using var shard = PostgresDatabase.Open(runs.Servers.Shards[i], PostgresLayout.ShardSchema(runs.ClusterSchema, i));
            Assert.Equal(LineLevel.Select(t => (t, "u")), Persistence(shard, LineLevel));
        }
        using var coordinator = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        Assert.Equal(Results.Append("segmenta_run").Select(t => (t, "p")), Persistence(coordinator, [.. Results, "segmenta_run"]));
        using var single = PostgresDatabase.Open(runs.Servers.Coordinator, runs.SingleSchema);
        Assert.Equal(LineLevel.Select(t => (t, "u")), Persistence(single, LineLevel));
        Assert.Equal(Results.Select(t => (t, "p")), Persistence(single, Results));
    }

    [SkippableFact]
    public void A_crashed_server_loses_the_line_tables_and_a_rerun_says_to_analyse_again()
    {
        using var directory = new TempDirectory();
        var port = (PostgresServers.BasePort + 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var servers = directory.File("pg");
        var (started, output) = PostgresServers.ClusterScript("start-single", servers, port);
        Skip.If(started != 0, $"PostgreSQL could not be started by scripts/postgres-cluster.sh start-single (exit {started}): {output.Trim()}");
        try
        {
            var connection = $"Host=127.0.0.1;Port={port};Username=segmenta;Database=postgres";
            var run = directory.File("run");
            AnalysisPipeline.Run(new AnalysisOptions
            {
                Inputs = [directory.Write("shop.csv", SyntheticShop.Csv())],
                OutputDirectory = run,
                Engine = Engine.Postgres,
                Postgres = new PostgresOptions { Connection = connection, Schema = "unlogged_test" },
            });
            var database = Path.Combine(run, "segmenta.duckdb");
            long Lines()
            {
                using var server = PostgresDatabase.Open(connection, "unlogged_test");
                return server.Scalar<long>("SELECT count(*) FROM raw_lines");
            }
            Assert.True(Lines() > 0);

            // An immediate shutdown (SIGQUIT to the postmaster) is a crash: the restart recovers from the WAL.
            var postmaster = int.Parse(File.ReadLines(Path.Combine(servers, "single", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
            using (var kill = Process.Start("kill", ["-QUIT", postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Directory.Exists($"/proc/{postmaster}") && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            Assert.Equal(0, PostgresServers.ClusterScript("start-single", servers, port).ExitCode);
            // The pool's connections died with the server.
            Npgsql.NpgsqlConnection.ClearAllPools();

            Assert.Equal(0, Lines());
            var message = Assert.Throws<SegmentaException>(() => AnalysisPipeline.Lifetime(database, new AnalysisOptions { OutputDirectory = directory.File("again") })).Message;
            Assert.Contains("schema unlogged_test has no Segmenta run in it (a server that crashed empties the run's unlogged line tables)", message, StringComparison.Ordinal);
            Assert.Contains("Run segmenta analyze --engine postgres again", message, StringComparison.Ordinal);
        }
        finally
        {
            PostgresServers.ClusterScript("stop", servers, port);
        }
    }

    /// <summary>Each table's relpersistence in the database's schema: p = logged, u = unlogged.</summary>
    private static List<(string, string)> Persistence(PostgresDatabase database, IEnumerable<string> tables) => [.. tables.Select(t => (t, database.Scalar<string>(
        "SELECT c.relpersistence::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema AND c.relname = @name",
        ("schema", database.Schema), ("name", t)) ?? "missing"))];
}
