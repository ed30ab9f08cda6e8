namespace Segmenta.Cleaning;

/// <summary>Which set of cleaning rules to apply.</summary>
public enum CleaningPreset
{
    /// <summary>
    /// What a careful analyst does: drops adjustments, non-products and extreme quantities, and matches each
    /// cancellation to the purchase it reverses, netting it out of revenue as a return.
    /// </summary>
    Default,
    /// <summary>
    /// The usual notebooks' recipe: drop lines without customer, of cancelled invoices, with Quantity &lt;= 0 or
    /// UnitPrice &lt;= 0, then exact duplicates. Reproduces the published 392,692 lines / 4,338 customers.
    /// </summary>
    Classic,
}
