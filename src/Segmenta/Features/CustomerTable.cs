using Segmenta.Store;

namespace Segmenta.Features;

/// <summary>Typed reads of the customers table the features stage writes (<c>rfm_scores.sql</c>): features and RFM by column name.</summary>
public static class CustomerTable
{
    /// <summary>True when an analysis has computed the customers table.</summary>
    public static bool Exists(SegmentaStore store) => store.HasTable("customers");

    /// <summary>The customer's row, or null when the id is unknown (or there is no customers table).</summary>
    public static IReadOnlyDictionary<string, object?>? Row(SegmentaStore store, string customerId) => !Exists(store) ? null
        : store.Query("SELECT * FROM customers WHERE customer_id = $id", StoredRow.Read, ("id", customerId)).FirstOrDefault();

    /// <summary>Every customer's row, in table order (empty without a customers table).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows(SegmentaStore store) => !Exists(store) ? []
        : store.Query("SELECT * FROM customers", StoredRow.Read);
}
