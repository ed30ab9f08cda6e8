using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Writes the segments back to the server beside its customers: every segmentation's membership as fitted locally
/// (table customer_segments), and, for a K-Means model, every customer assigned again on the server in SQL
/// (<see cref="SqlAssignment"/>: the feature steps and the centroids as a VALUES list; table customer_assignments),
/// which is how customers the local machine never saw would be assigned. The two are compared on the server.
/// </summary>
internal static class PostgresSegments
{
    /// <summary>The rows written and the customers whose SQL segment differs from the local one (null without a K-Means model).</summary>
    internal static (long Sent, long? Assigned, long? Differing) WriteBack(SegmentaStore store, PostgresDatabase database)
    {
        var sent = PostgresResults.SendSegments(store, database);
        database.Execute("DROP TABLE IF EXISTS customer_assignments");
        if (SegmentationTables.Model(store) is not { Algorithm: ClusteringAlgorithm.KMeans, Centroids: not null } model)
        {
            return (sent, null, null);
        }
        var assigned = SqlAssignment.Assign(database, model);
        var differing = database.Scalar<long>(
            """
            SELECT count(*)
            FROM customer_assignments a
            FULL JOIN (SELECT customer_id, segment_id FROM customer_segments WHERE segmentation = 'kmeans') s USING (customer_id)
            WHERE a.segment_id IS DISTINCT FROM s.segment_id
            """);
        return (sent, assigned, differing);
    }
}
