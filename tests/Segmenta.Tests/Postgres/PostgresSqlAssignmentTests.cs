using Segmenta.Postgres;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Issue 20, customer-level stages at cluster scale: every customer is assigned to a fitted K-Means model's segment in
/// SQL on the engine (centroids as a VALUES list, the C# standardisation written as SQL), and gets the segment the C#
/// model gives (<see cref="SegmentationModel.Assign"/>), on the customers of the shared data kept on the server.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSqlAssignmentTests(SharedDataRuns runs)
{
    [SkippableFact]
    public void The_fitted_model_assigns_every_customer_in_sql_as_in_csharp()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        var model = runs.Single.Clusters!.Model;

        var (sql, csharp) = BothWays(model);

        Assert.Equal(runs.Single.Features.Customers, sql.Count);
        Assert.Equal(csharp, sql);
        // The run's own labels (written back to the server as customer_segments) are the same too.
        Assert.Equal(runs.Single.Clusters.Labels.Length, sql.Count);
        Assert.True(sql.Values.Distinct().Count() >= model.K, "every fitted segment has customers");
    }

    [SkippableFact]
    public void The_run_assigns_every_customer_on_the_server_as_it_was_assigned_locally()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        foreach (var (result, schema) in new[] { (runs.Single, runs.SingleSchema), (runs.Cluster, runs.ClusterSchema) })
        {
            using var database = PostgresDatabase.Open(runs.Servers.Coordinator, schema);
            var (rows, differing) = database.Query(
                """
                SELECT (SELECT count(*) FROM customer_assignments),
                       (SELECT count(*) FROM customer_assignments a
                        FULL JOIN (SELECT customer_id, segment_id FROM customer_segments WHERE segmentation = 'kmeans') s USING (customer_id)
                        WHERE a.segment_id IS DISTINCT FROM s.segment_id)
                """, r => (r.GetInt64(0), r.GetInt64(1)))[0];

            Assert.Equal(result.Features.Customers, rows);
            Assert.Equal(0, differing);
            Assert.Contains(result.Notes, n => n.Contains($"{rows:N0} customers assigned to the K-Means segments in SQL on the server, 0 differing", StringComparison.Ordinal));
        }
    }

    [SkippableFact]
    public void Clipping_undefined_features_and_the_extreme_group_are_the_same_in_sql_as_in_csharp()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Single;
        // A hand-made model over features the fitted one does not use: a money feature that may be negative and a
        // day count that is undefined (empty) for one-purchase customers, both winsorised, with an extreme threshold.
        var model = new SegmentationModel
        {
            Algorithm = ClusteringAlgorithm.KMeans,
            K = 3,
            Seed = 0,
            Transform = new FeatureTransform(
            [
                new FeatureStep("recency", ValueTransform.Log1p, true, 0.5, 5.5, 3.8, 1.3),
                new FeatureStep("mean_days_between_purchases", ValueTransform.Log1p, false, null, 5, 3.1, 0.9),
                new FeatureStep("returns_value", ValueTransform.SignedLog1p, false, -2, 6, 0.7, 1.7),
                new FeatureStep("average_order_value", ValueTransform.None, false, null, null, 350.25, 1234.5),
            ], Scaling.Standard),
            ExtremeThreshold = 3,
            Centroids = [-1, 0.5, 0, 0.1, 0.8, -0.3, 1.2, -0.2, 0.3, 0.3, -0.9, 0.4],
        };

        var (sql, csharp) = BothWays(model);

        Assert.Equal(csharp, sql);
        Assert.Equal(4, sql.Values.Distinct().Count());
    }

    /// <summary>The segments the SQL gives on the server, and those the C# model gives to the same rows read back.</summary>
    private (Dictionary<string, int> Sql, Dictionary<string, int> CSharp) BothWays(SegmentationModel model)
    {
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.SingleSchema);
        var sql = database.Query(SqlAssignment.Query(model), r => (Id: r.GetString(0), Segment: r.GetInt32(1))).ToDictionary(r => r.Id, r => r.Segment);
        var features = model.Features;
        var rows = database.Query(
            $"SELECT customer_id, {string.Join(", ", features.Select(f => f + "::double precision"))} FROM customers ORDER BY customer_id",
            r => (Id: r.GetString(0), Values: Enumerable.Range(1, features.Count).Select(i => r.IsDBNull(i) ? double.NaN : r.GetDouble(i)).ToArray()));
        var matrix = new FeatureMatrix([.. rows.SelectMany(r => r.Values)], rows.Count, features.Count, features);
        var (segments, _) = model.Assign(matrix);
        return (sql, rows.Select((r, i) => (r.Id, Segment: segments[i])).ToDictionary(r => r.Id, r => r.Segment));
    }
}
