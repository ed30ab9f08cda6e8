using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>
/// The customers' segments in a <see cref="PurchaseLog"/>: groups numbered by first appearance in customer order, named
/// by the segmentation's stored names (profiling gives them), or labelled by segment id before profiling has named
/// them (<see cref="Recommender"/> runs its evaluation beside profiling and names the groups afterwards).
/// </summary>
internal static class SegmentLabels
{
    /// <summary>The group of customers the segmentation does not hold.</summary>
    public const string NoSegment = "all customers";

    /// <summary>Each customer's group and the groups' labels: segment names, or <c>#id</c> when <paramref name="byId"/>.</summary>
    public static (int[] Segments, string[] Names) Assign(SegmentaStore store, SegmentationKind? segmentation, IReadOnlyList<string> customerIds, bool byId)
    {
        var label = new Dictionary<string, string>(StringComparer.Ordinal);
        if (segmentation is { } kind && store.HasTable("customer_segments"))
        {
            store.Query(
                byId
                    ? "SELECT customer_id, '#' || any_value(segment_id) FROM customer_segments WHERE segmentation = $s GROUP BY customer_id"
                    : "SELECT customer_id, any_value(coalesce(segment_name, 'segment ' || segment_id)) FROM customer_segments WHERE segmentation = $s GROUP BY customer_id",
                r => label[r.GetString(0)] = r.GetString(1), ("s", kind.Id()));
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var segments = new int[customerIds.Count];
        for (var c = 0; c < customerIds.Count; c++)
        {
            var name = label.TryGetValue(customerIds[c], out var given) ? given : NoSegment;
            if (!index.TryGetValue(name, out var id))
            {
                id = index.Count;
                index[name] = id;
            }
            segments[c] = id;
        }
        var names = new string[index.Count];
        foreach (var (name, id) in index)
        {
            names[id] = name;
        }
        return (segments, names);
    }

    /// <summary>
    /// Replaces the id labels of a log loaded with <c>byId</c> by the segment names now stored. False (the log
    /// unchanged) when the names do not group the customers as the ids did (two segments of one name): the log must
    /// then be loaded again.
    /// </summary>
    public static bool Name(SegmentaStore store, SegmentationKind segmentation, PurchaseLog log)
    {
        var (segments, names) = Assign(store, segmentation, log.CustomerIds, byId: false);
        if (!segments.AsSpan().SequenceEqual(log.CustomerSegment) || names.Length != log.SegmentNames.Length)
        {
            return false;
        }
        // In place: the rankers fitted so far hold this array and read it when they give a reason.
        names.CopyTo(log.SegmentNames, 0);
        return true;
    }
}
