using Segmenta.Features;
using Segmenta.Store;

namespace Segmenta.Segmentation;

/// <summary>A customer's row of the customers table, by column name (features, RFM scores and segment), with its segments.</summary>
public sealed record CustomerRecord(string CustomerId, IReadOnlyDictionary<string, object?> Features, IReadOnlyList<CustomerSegmentRecord> Segments);

/// <summary>A customer's segment in one segmentation.</summary>
public sealed record CustomerSegmentRecord(SegmentationKind Segmentation, int SegmentId, string? Name, double? Probability);

/// <summary>Customers with their segments: the features stage's rows joined to <c>customer_segments</c>, which this stage owns.</summary>
public static class StoredCustomers
{
    /// <summary>The customer, or null when the id is unknown.</summary>
    public static CustomerRecord? Customer(SegmentaStore store, string customerId)
    {
        if (CustomerTable.Row(store, customerId) is not { } features)
        {
            return null;
        }
        var segments = store.HasTable("customer_segments")
            ? store.Query("SELECT segmentation, segment_id, segment_name, probability FROM customer_segments WHERE customer_id = $id ORDER BY segmentation",
                ReadSegment, ("id", customerId))
            : [];
        return new CustomerRecord(customerId, features, segments);
    }

    /// <summary>Every customer with features and segments, by id: one pass, for hosts that answer many lookups.</summary>
    public static IReadOnlyDictionary<string, CustomerRecord> All(SegmentaStore store)
    {
        if (!CustomerTable.Exists(store))
        {
            return new Dictionary<string, CustomerRecord>();
        }
        var segments = store.HasTable("customer_segments")
            ? store.Query("SELECT customer_id, segmentation, segment_id, segment_name, probability FROM customer_segments ORDER BY customer_id, segmentation",
                r => (Id: r.GetString(0), Segment: ReadSegment(r, 1))).ToLookup(x => x.Id, x => x.Segment)
            : Enumerable.Empty<(string Id, CustomerSegmentRecord Segment)>().ToLookup(x => x.Id, x => x.Segment);
        return CustomerTable.Rows(store).ToDictionary(row => (string)row["customer_id"]!,
            row => new CustomerRecord((string)row["customer_id"]!, row, [.. segments[(string)row["customer_id"]!]]));
    }

    private static CustomerSegmentRecord ReadSegment(System.Data.Common.DbDataReader r) => ReadSegment(r, 0);

    private static CustomerSegmentRecord ReadSegment(System.Data.Common.DbDataReader r, int first) => new(
        SegmentationKinds.Parse(r.GetString(first)), r.GetInt32(first + 1), r.IsDBNull(first + 2) ? null : r.GetString(first + 2), r.IsDBNull(first + 3) ? null : r.GetDouble(first + 3));
}
