using Segmenta.Postgres;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Issue 20, customer-level stages at cluster scale: every customer is assigned to a fitted K-Means model's segment in
/// SQL on the engine (centroids as a VALUES list, the C# standardisation written as SQL), or to a Gaussian mixture's
/// component (its log densities written as SQL, with the membership probability), and gets the segment the C#
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

    [SkippableFact]
    public void A_fitted_gaussian_mixture_assigns_every_customer_in_sql_with_the_csharp_segments_and_probabilities()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.DuckDb;
        _ = runs.Single;
        using var directory = new Support.TempDirectory();
        var copy = directory.File("gmm.duckdb");
        File.Copy(Path.Combine(runs.Output("duckdb"), "segmenta.duckdb"), copy);
        SegmentationModel model;
        using (var store = SegmentaStore.Open(copy))
        {
            model = SegmentationStage.Run(store, new SegmentationOptions { Algorithm = ClusteringAlgorithm.GaussianMixture, K = 4 }).Model;
        }

        var (sql, csharp) = Probabilities(model);

        Assert.Equal(runs.Single.Features.Customers, sql.Count);
        Assert.Equal(csharp, sql);
        Assert.True(sql.Values.Select(v => v.Segment).Distinct().Count() >= 4, "every component has customers");
    }

    [SkippableFact]
    public void A_diagonal_mixture_with_clipping_undefined_features_and_the_extreme_group_is_the_same_in_sql_as_in_csharp()
    {
        Skip.If(runs.Servers.Unavailable is not null, runs.Servers.Unavailable);
        _ = runs.Single;
        var transform = new FeatureTransform(
        [
            new FeatureStep("recency", ValueTransform.Log1p, true, 0.5, 5.5, 3.8, 1.3),
            new FeatureStep("mean_days_between_purchases", ValueTransform.Log1p, false, null, 5, 3.1, 0.9),
            new FeatureStep("returns_value", ValueTransform.SignedLog1p, false, -2, 6, 0.7, 1.7),
        ], Scaling.Standard);
        // A component far from most customers: their densities underflow (exp below -745) as C#'s do.
        var model = new SegmentationModel
        {
            Algorithm = ClusteringAlgorithm.GaussianMixture,
            K = 3,
            Seed = 0,
            Transform = transform,
            ExtremeThreshold = 3,
            Covariance = CovarianceType.Diagonal,
            Weights = [0.5, 0.3, 0.2],
            Means = [-1, 0.5, 0, 0.8, -0.3, 1.2, 40, 40, 40],
            Covariances = [0.5, 1, 2, 1.5, 0.25, 1, 0.01, 0.01, 0.01],
        };

        var (sql, csharp) = Probabilities(model);

        Assert.Equal(csharp, sql);
        Assert.Contains(sql.Values, v => v.Segment == 3);
        Assert.Contains(sql.Values, v => v.Probability is null);
        Assert.Contains(sql.Values, v => v.Segment is 0 or 1 && v.Probability is not null);
    }

    /// <summary>Segment and probability per customer, by the SQL on the server and by the C# model on the same rows (NaN = null).</summary>
    private (Dictionary<string, (int Segment, double? Probability)> Sql, Dictionary<string, (int Segment, double? Probability)> CSharp) Probabilities(SegmentationModel model)
    {
        using var database = PostgresDatabase.Open(runs.Servers.Coordinator, runs.SingleSchema);
        var sql = database.Query(SqlAssignment.Query(model), r => (Id: r.GetString(0), Segment: r.GetInt32(1), Probability: r.IsDBNull(2) ? (double?)null : r.GetDouble(2)))
            .ToDictionary(r => r.Id, r => (r.Segment, r.Probability));
        var features = model.Features;
        var rows = database.Query(
            $"SELECT customer_id, {string.Join(", ", features.Select(f => f + "::double precision"))} FROM customers ORDER BY customer_id",
            r => (Id: r.GetString(0), Values: Enumerable.Range(1, features.Count).Select(i => r.IsDBNull(i) ? double.NaN : r.GetDouble(i)).ToArray()));
        var (segments, probabilities) = model.Assign(new FeatureMatrix([.. rows.SelectMany(r => r.Values)], rows.Count, features.Count, features));
        return (sql, rows.Select((r, i) => (r.Id, Segment: segments[i], Probability: double.IsNaN(probabilities![i]) ? (double?)null : probabilities[i]))
            .ToDictionary(r => r.Id, r => (r.Segment, r.Probability)));
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
