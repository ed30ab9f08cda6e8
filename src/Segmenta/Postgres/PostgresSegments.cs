using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Writes the segments back to the server beside its customers: every segmentation's membership as fitted locally
/// (table customer_segments), and every customer assigned again to the K-Means or Gaussian mixture model on the server in SQL
/// (<see cref="SqlAssignment"/>: the feature steps and the centroids as a VALUES list, or the mixture's log densities; table customer_assignments),
/// which is how customers the local machine never saw would be assigned. The two are compared on the server.
/// </summary>
internal static class PostgresSegments
{
    /// <summary>The rows written and the customers whose SQL segment differs from the local one (null without a clustering model).</summary>
    internal static (long Sent, long? Assigned, long? Differing) WriteBack(SegmentaStore store, PostgresDatabase database)
    {
        var sent = PostgresResults.SendSegments(store, database);
        database.Execute("DROP TABLE IF EXISTS customer_assignments");
        if (SegmentationTables.Model(store) is not { } model || model is { Algorithm: ClusteringAlgorithm.KMeans, Centroids: null })
        {
            return (sent, null, null);
        }
        var assigned = SqlAssignment.Assign(database, model);
        var differing = database.Scalar<long>(
            """
            SELECT count(*)
            FROM customer_assignments a
            FULL JOIN (SELECT customer_id, segment_id FROM customer_segments WHERE segmentation = @segmentation) s USING (customer_id)
            WHERE a.segment_id IS DISTINCT FROM s.segment_id
            """, ("segmentation", SegmentationKinds.Of(model.Algorithm).Id()));
        return (sent, assigned, differing);
    }
}
