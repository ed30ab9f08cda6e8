namespace Segmenta.Cleaning;

/// <summary>When identical purchase lines count as one (a double export) rather than as several real purchases.</summary>
public enum DuplicatePolicy
{
    /// <summary>
    /// Remove copies only when the lines carry an invoice number: two equal lines of one invoice are a double export,
    /// while without an invoice two equal lines (same customer, day, units, amount) are as likely two purchases.
    /// </summary>
    Auto,
    /// <summary>Always remove exact copies of an earlier line.</summary>
    Remove,
    /// <summary>Never remove them.</summary>
    Keep,
}
