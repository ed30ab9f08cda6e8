using System.Globalization;
using System.Text.RegularExpressions;
using Segmenta.Cleaning;
using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Issue 20: recommending's purchase tables are built on the server (Postgres/PostgresPurchases.cs), with keys made
/// once for the whole cluster. On the shared data the local purchase tables of a DuckDB run, of one server and of the
/// cluster are the same rows with the same types (the DuckDB tables are made by the independent DuckDB SQL of
/// Cleaning/purchase_tables.sql), current for the recommender, and what comes back is integer rows, not lines.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresPurchasesTests(SharedDataRuns runs)
{
    private static readonly (string Table, string Order)[] Tables =
    [
        ("purchase_customers", "customer_key"),
        ("purchase_products", "product_key"),
        ("purchase_countries", "country_key"),
        ("purchase_lines", "customer_key, purchase_day, order_key, product_key, quantity, amount, country_key"),
    ];

    [SkippableFact]
    public void One_server_and_the_cluster_write_the_DuckDB_purchase_tables()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = (runs.DuckDb, runs.Single, runs.Cluster);
        using var duck = SegmentaStore.Open(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb"));
        Assert.True(PurchaseTables.IsCurrent(duck));
        Assert.True(duck.Scalar<long>("SELECT count(*) FROM purchase_lines") > 300_000);
        foreach (var name in new[] { "single", "cluster" })
        {
            using var store = SegmentaStore.Open(Path.Combine(runs.Output(name), "segmenta.duckdb"));
            Assert.True(PurchaseTables.IsCurrent(store), name);
            foreach (var (table, order) in Tables)
            {
                var describe = $"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = 'main' ORDER BY ordinal_position";
                Assert.Equal(Rows(duck, describe), Rows(store, describe));
                var select = $"SELECT * FROM {table} ORDER BY {order}";
                Assert.Equal(Rows(duck, select), Rows(store, select));
            }
        }
    }

    [SkippableFact]
    public void The_coordinator_keys_the_shards_values_and_only_integer_rows_come_back()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        database.Execute("SET enable_partitionwise_aggregate = on");
        var selects = SqlScripts.Get("Postgres/purchase_dimensions.sql").Split(';')
            .Select(s => s.IndexOf(" AS\n", StringComparison.Ordinal) is var at and >= 0 && s.Contains("CREATE TABLE", StringComparison.Ordinal) ? s[(at + 4)..].Trim() : null)
            .OfType<string>().ToList();
        Assert.Equal(5, selects.Count);
        foreach (var select in selects)
        {
            var scanned = ForeignScan().Matches(database.Explain(select)).Select(m => m.Groups[1].Value).ToList();
            // The product keys number the product names, which are built on the coordinator just before them.
            if (!select.Contains("FROM product_names", StringComparison.Ordinal))
            {
                Assert.NotEmpty(scanned);
            }
            // The shards' distinct values only, never a line.
            Assert.All(scanned, table => Assert.Matches("^purchase_value_parts_p[0-9]$", table));
        }
        // Each shard keeps its own customers' purchases; together they are the kept purchase lines, as integer rows
        // well under half the bytes of the lines they stand for.
        var (lines, lineBytes) = (0L, 0L);
        for (var i = 0; i < runs.Servers.Shards.Count; i++)
        {
            using var shard = PostgresDatabase.Open(runs.Servers.Shards[i], $"{runs.ClusterSchema}_p{i}");
            lines += shard.Scalar<long>("SELECT count(*) FROM purchase_lines");
            lineBytes += shard.Scalar<long>("SELECT sum(pg_column_size(p.*))::BIGINT FROM purchase_lines p");
            Assert.Equal(0, shard.Scalar<long>(
                "SELECT count(*) FROM purchase_lines p JOIN purchase_customers c USING (customer_key) WHERE NOT EXISTS (SELECT 1 FROM clean_lines l WHERE l.customer_id = c.customer_id)"));
        }
        var kept = database.Scalar<long>("SELECT count(*) FROM clean_lines WHERE coalesce(quantity, 1) > 0 AND customer_id IS NOT NULL AND stock_code IS NOT NULL");
        var keptBytes = database.Scalar<long>("SELECT sum(pg_column_size(l.*))::BIGINT FROM clean_lines l WHERE coalesce(quantity, 1) > 0 AND customer_id IS NOT NULL AND stock_code IS NOT NULL");
        Assert.Equal(kept, lines);
        Assert.True(lineBytes * 2 < keptBytes, $"{lineBytes:N0} bytes of purchase rows for {keptBytes:N0} bytes of lines");
    }

    private static List<string> Rows(SegmentaStore store, string sql) => store.Query(sql, r =>
        string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));

    [GeneratedRegex(@"Foreign Scan on (?:\S+\.)?(\w+)")]
    private static partial Regex ForeignScan();
}
