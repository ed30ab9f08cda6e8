using Segmenta.Postgres;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Issue 20 item 4, segments at cluster scale: above <see cref="SegmentationOptions.FitSampleAbove"/> customers the
/// segmentation is fitted on a seeded sample drawn in SQL where the customers are (customer_fit_sample.sql, by the md5
/// of seed and id), and every customer is assigned to the fitted model. On the shared data, with the sample forced,
/// DuckDB, one server and the cluster draw the same customers and give the same segments; below the threshold the fit
/// is the run's own, on every customer.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFitSampleTests(SharedDataRuns runs)
{
    private static readonly SegmentationOptions Forced = new() { FitSampleAbove = 0, FitSampleSize = 1_500 };

    [SkippableFact]
    public void The_sample_drawn_in_sql_holds_the_same_customers_on_duckdb_one_server_and_the_cluster()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = (runs.DuckDb, runs.Single, runs.Cluster);
        using var store = SegmentaStore.Open(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb"));

        foreach (var seed in new[] { 0, 7 })
        {
            var sql = SegmentationStage.FitSampleQuery(seed, 1_500);
            var duckDb = store.Query(sql, r => r.GetString(0));

            Assert.Equal(1_500, duckDb.Distinct().Count());
            Assert.Equal(duckDb, OnServer(runs.SingleSchema)(sql));
            Assert.Equal(duckDb, OnServer(runs.ClusterSchema)(sql));
        }
        // Another seed draws other customers: the sample is the seed's, not the table's first rows.
        var first = store.Query(SegmentationStage.FitSampleQuery(0, 1_500), r => r.GetString(0));
        var other = store.Query(SegmentationStage.FitSampleQuery(7, 1_500), r => r.GetString(0));
        Assert.InRange(first.Intersect(other).Count(), 300, 800);
    }

    [SkippableFact]
    public void A_fit_on_the_forced_sample_gives_identical_segments_on_duckdb_one_server_and_the_cluster()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = (runs.DuckDb, runs.Single, runs.Cluster);

        var duckDb = FitOn("duckdb", null);
        var single = FitOn("single", OnServer(runs.SingleSchema));
        var cluster = FitOn("cluster", OnServer(runs.ClusterSchema));

        Assert.Equal(runs.DuckDb.Features.Customers, duckDb.Labels.Length);
        Assert.Equal(duckDb.Labels, single.Labels);
        Assert.Equal(duckDb.Labels, cluster.Labels);
        Assert.Equal(duckDb.Model.ToJson(), cluster.Model.ToJson());
        Assert.Contains($"a sample of 1,500 of the {duckDb.Labels.Length:N0} customers", duckDb.Selection!.Explanation, StringComparison.Ordinal);
        Assert.Equal(duckDb.Selection.Explanation, cluster.Selection!.Explanation);
        // A fit on 1,500 customers is not the fit on all 4,333: the model differs from the run's, and every customer still gets a segment.
        Assert.NotEqual(runs.DuckDb.Clusters!.Model.Centroids, duckDb.Model.Centroids);
        Assert.All(duckDb.Labels, label => Assert.InRange(label, 0, duckDb.Model.Segments - 1));
        // Assigned in SQL on the cluster's coordinator, every customer gets the segment the fit gave it.
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.ClusterSchema);
        var inSql = database.Query(SqlAssignment.Query(cluster.Model), r => r.GetInt32(1));
        Assert.Equal(cluster.Labels, inSql);
    }

    [SkippableFact]
    public void Below_the_threshold_every_customer_takes_part_in_the_fit_as_before()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Cluster;
        using var store = SegmentaStore.Open(Path.Combine(runs.Output("cluster"), "segmenta.duckdb"));
        var sampled = false;

        var (_, result) = SegmentationStage.Fit(store, new SegmentationOptions(), _ =>
        {
            sampled = true;
            return [];
        });

        Assert.False(sampled);
        Assert.Null(result.FitSampleNote);
        Assert.Equal(runs.Cluster.Clusters!.Labels, result.Labels);
        Assert.Equal(runs.Cluster.Clusters.Model.ToJson(), result.Model.ToJson());
    }

    private SegmentationResult FitOn(string run, Func<string, IReadOnlyList<string>>? customers)
    {
        using var store = SegmentaStore.Open(Path.Combine(runs.Output(run), "segmenta.duckdb"));
        var (_, result) = SegmentationStage.Fit(store, Forced, customers);
        Assert.NotNull(result.FitSampleNote);
        return result;
    }

    private Func<string, IReadOnlyList<string>> OnServer(string schema) => sql =>
    {
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, schema);
        return database.Query(sql, r => r.GetString(0));
    };
}
