using System.Text.RegularExpressions;
using Segmenta.Exploration;
using Segmenta.Postgres;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// The exploration on PostgreSQL reads the lines where they are: a local store without a single line, given only the
/// cluster's cleaning report, gets the exploration files of the DuckDB run byte for byte; what comes back is one row per
/// order, product, price point and listed product; on the coordinator the regrouping reads only the shards' sums.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresExplorationTests(SharedDataRuns runs)
{
    private static readonly string[] BroughtBack = ["exploration_orders", "exploration_product_stats", "exploration_price_points", "exploration_top_products"];

    [SkippableFact]
    public void A_store_without_lines_gets_the_DuckDB_exploration_from_the_cluster()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.DuckDb;
        _ = runs.Cluster;
        using var directory = new TempDirectory();
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        using (var store = SegmentaStore.Open(directory.File("no-lines.duckdb")))
        {
            PostgresResults.BringBack(database, store);
            Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM raw_lines"));

            var result = PostgresExplorer.Run(database, new PostgresOptions { Connection = runs.Servers.Coordinator, Schema = runs.ClusterSchema, Shards = runs.Servers.Shards },
                store, new ExplorationOptions());

            ExplorationOutputs.Write(result, directory.Path);
        }
        var written = Directory.GetFiles(Path.Combine(directory.Path, "exploration"));
        Assert.True(written.Length >= 10, $"only {written.Length} exploration files");
        foreach (var file in written)
        {
            var expected = Path.Combine(runs.Output("duckdb"), "exploration", Path.GetFileName(file));
            Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(file)), $"{Path.GetFileName(file)} differs from the DuckDB run's");
        }
    }

    [SkippableFact]
    public void Only_aggregates_come_back_far_fewer_rows_than_lines()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        var rows = BroughtBack.ToDictionary(t => t, t => database.Scalar<long>($"SELECT count(*) FROM {t}"));
        var lines = database.Scalar<long>("SELECT count(*) FROM clean_lines");
        var orders = database.Scalar<long>("SELECT count(*) FROM (SELECT DISTINCT order_id, invoice_date FROM clean_lines) o");

        // One row per order (and invoice time), product and price point, and the four lists of 20 products (the
        // returns list may be shorter): 392,692 kept lines on the shared data come back as about 8 % as many rows.
        Assert.Equal(orders, rows["exploration_orders"]);
        Assert.InRange(rows["exploration_top_products"], 61, 80);
        Assert.True(rows.Values.Sum() * 10 < lines, $"{rows.Values.Sum():N0} rows came back for {lines:N0} lines");
    }

    [SkippableFact]
    public void The_coordinator_regroups_only_the_shards_sums_never_lines()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        database.Execute("SET segmenta.top_products = '20'");
        var statements = SqlScripts.Get("Postgres/exploration_inputs.sql").Split(';')
            .Concat(SqlDialect.Postgres.Script("Exploration/exploration_top_products.sql").Split(';'))
            .Select(s => s.IndexOf(" AS\n", StringComparison.Ordinal) is var at and > 0 && s.Contains("CREATE TABLE", StringComparison.Ordinal) ? s[(at + 4)..] : null)
            .OfType<string>()
            .ToList();
        Assert.Equal(4, statements.Count);
        foreach (var statement in statements)
        {
            var plan = database.Explain(statement);
            var scanned = ForeignScan().Matches(plan).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(scanned);
            // The shards' exploration sums, and for the top products the cleaning's per-rule totals (whether returns were matched).
            Assert.All(scanned, table => Assert.Matches("^(exploration_[a-z]+_parts|cleaning_rule_totals)_p[0-9]$", table));
        }
    }

    [GeneratedRegex(@"Foreign Scan on \S*?\.?(\w+)(?:\s|$)", RegexOptions.Multiline)]
    private static partial Regex ForeignScan();
}
