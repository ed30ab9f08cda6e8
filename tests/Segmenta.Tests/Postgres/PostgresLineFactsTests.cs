using System.Globalization;
using System.Text.RegularExpressions;
using Segmenta.Exploration;
using Segmenta.Loading;
using Segmenta.Pipeline;
using Segmenta.Postgres;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Issue 20, session 9: after a PostgreSQL run neither the lines nor their cleaning outcome are in the local store. The
/// report's overview and the single-value checks (lines without an amount, the kept period) come from facts the server
/// computed where the lines are (one row back), equal to what DuckDB computes from its lines; on a cluster the
/// coordinator only adds up the shards' parts, and an order whose lines name customers on two shards counts once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresLineFactsTests(SharedDataRuns runs)
{
    /// <summary>The line-level tables a DuckDB cleaning leaves in the store; a PostgreSQL run leaves none of them.</summary>
    private static readonly string[] LineTables = ["clean_lines", "lines_with_outcome", "line_outcomes", "returns", "refunds", "customer_cancellations"];

    [SkippableTheory]
    [InlineData("single")]
    [InlineData("cluster")]
    public void A_postgres_run_brings_back_no_line_outcome_and_the_overview_of_the_DuckDB_run(string run)
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        var result = run == "single" ? runs.Single : runs.Cluster;
        _ = runs.DuckDb;
        using var duck = SegmentaStore.Open(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb"));
        using var store = SegmentaStore.Open(Path.Combine(runs.Output(run), "segmenta.duckdb"));

        Assert.All(LineTables, table => Assert.False(store.HasTable(table), $"{table} is in the local store of the {run} run"));
        Assert.True(ServerLineFacts.Elsewhere(store));
        Assert.False(ServerLineFacts.Elsewhere(duck));
        Assert.Equal(1, store.Scalar<long>("SELECT count(*) FROM line_facts"));
        Assert.Equal(Rows(duck, SqlScripts.Get("Reporting/overview.sql")), Rows(store, LineFacts.OverviewQuery(store)));
        Assert.Equal(result.Cleaning.LinesKept, store.Scalar<long>("SELECT kept_lines FROM line_facts"));
        Assert.Equal(LoadedAmounts.NoteFor(duck), LoadedAmounts.NoteFor(store));
        Assert.Equal(DataPeriod.Of(duck), DataPeriod.Of(store));
        // What came back is per customer, order, product or key; no local table but the imported lines (the importer's)
        // and the recommender's integer purchase rows holds a tenth as many rows as there are lines.
        var lines = result.Cleaning.LinesLoaded;
        var tables = store.Query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'", r => r.GetString(0));
        foreach (var table in tables.Except(["raw_lines", "purchase_lines"]))
        {
            var rows = store.Scalar<long>($"SELECT count(*) FROM \"{table}\"");
            Assert.True(rows * 10 < lines, $"{table}: {rows:N0} rows for {lines:N0} lines");
        }
    }

    [SkippableFact]
    public void The_coordinator_adds_up_the_shards_facts_and_reads_no_line()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        var sql = SqlScripts.Get("Postgres/line_facts.sql");
        var query = sql[(sql.IndexOf("AS\nWITH", StringComparison.Ordinal) + 3)..].TrimEnd().TrimEnd(';');

        var scanned = ForeignScan().Matches(database.Explain(query)).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(scanned);
        Assert.All(scanned, table => Assert.Matches("^line_fact_(value_)?parts_p[0-9]$", table));
        // The facts of the whole cluster are those of its lines.
        Assert.Equal(database.Scalar<long>("SELECT count(*) FROM clean_lines"), database.Scalar<long>("SELECT kept_lines FROM line_facts"));
        Assert.Equal(database.Scalar<long>("SELECT count(DISTINCT order_id) FROM clean_lines"), database.Scalar<long>("SELECT orders FROM line_facts"));
    }

    [SkippableFact]
    public void An_order_whose_customers_live_on_two_shards_counts_once_and_the_report_is_DuckDBs()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        using var directory = new TempDirectory();
        // One invoice bought by ten customers (they hash to both shards), and kept lines without a country.
        var lines = SyntheticShop.Lines().ToList();
        lines.AddRange(Enumerable.Range(0, 10).Select(c => string.Create(CultureInfo.InvariantCulture,
            $"990001,P{c:00},PRODUCT {c:00},2,2011-12-01 10:00,1.50,{12000 + c},United Kingdom")));
        lines.AddRange(Enumerable.Range(20, 5).Select(c => string.Create(CultureInfo.InvariantCulture, $"990002,P{c:00},PRODUCT {c:00},1,2011-12-02 11:00,2.25,{12100 + c},")));
        var file = directory.Write("shop.csv", SyntheticShop.Csv(lines));
        var schema = "segmenta_test_facts_" + Guid.NewGuid().ToString("N")[..8];
        AnalysisOptions Options(string output, PostgresOptions? postgres) => new()
        {
            Inputs = [file], OutputDirectory = directory.File(output), Recommendation = null, Lifetime = null,
            Engine = postgres is null ? Engine.DuckDb : Engine.Postgres, Postgres = postgres,
        };
        try
        {
            AnalysisPipeline.Run(Options("duckdb", null));
            AnalysisPipeline.Run(Options("cluster", new PostgresOptions { Connection = runs.Servers.Coordinator, Schema = schema, Shards = runs.Servers.Shards }));

            using (var database = PostgresDatabase.Open(runs.Servers.Coordinator, schema))
            {
                Assert.Equal(2, database.Scalar<long>("SELECT count(DISTINCT tableoid) FROM clean_lines WHERE order_id = '990001'"));
            }
            using var duck = SegmentaStore.Open(Path.Combine(directory.File("duckdb"), "segmenta.duckdb"));
            using var store = SegmentaStore.Open(Path.Combine(directory.File("cluster"), "segmenta.duckdb"));
            Assert.Equal(Rows(duck, SqlScripts.Get("Reporting/overview.sql")), Rows(store, LineFacts.OverviewQuery(store)));
            // The charts' clip-path ids are random per run: renumbered in order of appearance, as PostgresEngineTests compares reports.
            Assert.Equal(PostgresEngineTests.Renumbered(File.ReadAllText(Path.Combine(directory.File("duckdb"), "report.html"))),
                PostgresEngineTests.Renumbered(File.ReadAllText(Path.Combine(directory.File("cluster"), "report.html"))));
        }
        finally
        {
            DropCluster(schema);
        }
    }

    private void DropCluster(string schema)
    {
        foreach (var connection in runs.Servers.Shards.Prepend(runs.Servers.Coordinator))
        {
            using var database = new Npgsql.NpgsqlConnection(connection);
            database.Open();
            using var command = new Npgsql.NpgsqlCommand(
                $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE; DROP SCHEMA IF EXISTS \"{schema}_p0\" CASCADE; DROP SCHEMA IF EXISTS \"{schema}_p1\" CASCADE; "
                + $"DROP SERVER IF EXISTS \"{schema}_shard1\" CASCADE; DROP SERVER IF EXISTS \"{schema}_shard2\" CASCADE", database);
            command.ExecuteNonQuery();
        }
    }

    private static List<string> Rows(SegmentaStore store, string sql) => store.Query(sql, r =>
        string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL"
            : r.GetValue(i) is double d ? BitConverter.DoubleToInt64Bits(d).ToString(CultureInfo.InvariantCulture)
            : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));

    [GeneratedRegex(@"Foreign Scan on (?:\S+\.)?(\w+)")]
    private static partial Regex ForeignScan();
}
