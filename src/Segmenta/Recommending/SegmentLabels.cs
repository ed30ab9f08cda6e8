using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>
/// The customers' segments in a <see cref="PurchaseLog"/>: groups numbered by first appearance in customer order, named
/// by the segmentation's stored names (profiling gives them).
/// </summary>
internal static class SegmentLabels
{
    /// <summary>The group of customers the segmentation does not hold.</summary>
    public const string NoSegment = "all customers";

    /// <summary>Each customer's group and the groups' labels (the segment names).</summary>
    public static (int[] Segments, string[] Names) Assign(SegmentaStore store, SegmentationKind? segmentation, IReadOnlyList<string> customerIds)
    {
        var label = new Dictionary<string, string>(StringComparer.Ordinal);
        if (segmentation is { } kind && store.HasTable("customer_segments"))
        {
            store.Query(
                "SELECT customer_id, any_value(coalesce(segment_name, 'segment ' || segment_id)) FROM customer_segments WHERE segmentation = $s GROUP BY customer_id",
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
}
