using Npgsql;
using Segmenta.Pipeline;
using Segmenta.Postgres;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// The shared UCI data analysed three ways, each once for all the tests that compare them: on DuckDB, on one
/// PostgreSQL server and on the coordinator with two shards (the whole analysis with the CLI's default options and
/// seed). Each PostgreSQL run has its own schema, dropped at the end.
/// </summary>
public sealed class SharedDataRuns : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly Lazy<AnalysisResult> _duckDb;
    private readonly Lazy<AnalysisResult> _single;
    private readonly Lazy<AnalysisResult> _cluster;

    public SharedDataRuns()
    {
        _duckDb = new(() => Run("duckdb", Engine.DuckDb, null));
        _single = new(() => Run("single", Engine.Postgres, new PostgresOptions { Connection = Servers.Coordinator, Schema = SingleSchema }));
        _cluster = new(() => Run("cluster", Engine.Postgres, new PostgresOptions { Connection = Servers.Coordinator, Schema = ClusterSchema, Shards = Servers.Shards }));
    }

    public PostgresServers Servers { get; } = new();

    public string SingleSchema => $"segmenta_test_single_{_id}";

    public string ClusterSchema => $"segmenta_test_cluster_{_id}";

    public AnalysisResult DuckDb => _duckDb.Value;

    public AnalysisResult Single => _single.Value;

    public AnalysisResult Cluster => _cluster.Value;

    public string Output(string name) => Path.Combine(_directory.Path, name);

    private AnalysisResult Run(string name, Engine engine, PostgresOptions? postgres) => AnalysisPipeline.Run(new AnalysisOptions
    {
        Inputs = [RepoPaths.OnlineRetail],
        OutputDirectory = Output(name),
        Engine = engine,
        Postgres = postgres,
    });

    public void Dispose()
    {
        if (Servers.Unavailable is null)
        {
            foreach (var (connection, schema) in new[] { (Servers.Coordinator, SingleSchema), (Servers.Coordinator, ClusterSchema) }
                .Concat(Servers.Shards.Select(s => (s, ClusterSchema))))
            {
                using var database = new NpgsqlConnection(connection);
                database.Open();
                using var command = new NpgsqlCommand(
                    $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE; DROP SERVER IF EXISTS \"{schema}_shard1\" CASCADE; DROP SERVER IF EXISTS \"{schema}_shard2\" CASCADE", database);
                command.ExecuteNonQuery();
            }
        }
        Servers.Dispose();
        _directory.Dispose();
    }
}

/// <summary>The test classes that share the servers and the three runs of the shared data.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<SharedDataRuns>
{
    public const string Name = "PostgreSQL engine on the shared data";
}
