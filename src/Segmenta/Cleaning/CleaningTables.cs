using Segmenta.Store;

namespace Segmenta.Cleaning;

/// <summary>One cleaning rule's effect, as the hosts show it.</summary>
public sealed record CleaningRuleRow(string Rule, string Description, long Lines, double Revenue, double LineShare);

/// <summary>One purchase line of a customer.</summary>
public sealed record PurchaseLine(DateTime Date, string? Invoice, string? StockCode, string? Description, double Quantity, double Amount);

/// <summary>Typed reads of what the cleaning stage leaves in the store (<c>cleaning_report</c>, the <c>clean_lines</c> view).</summary>
public static class CleaningTables
{
    /// <summary>The cleaning report of the last run, rule by rule (empty before the first analysis).</summary>
    public static IReadOnlyList<CleaningRuleRow> Rules(SegmentaStore store) => !store.HasTable("cleaning_report") ? [] : store.Query(
        "SELECT rule, description, lines, revenue::DOUBLE, coalesce(line_share, 0) FROM cleaning_report ORDER BY step",
        r => new CleaningRuleRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? double.NaN : r.GetDouble(3), r.GetDouble(4)));

    /// <summary>A customer's most recent kept purchase lines, newest first.</summary>
    public static IReadOnlyList<PurchaseLine> PurchaseHistory(SegmentaStore store, string customerId, int limit) => store.Query(
        """
        SELECT invoice_date, invoice, stock_code, description, coalesce(quantity, 0)::DOUBLE, amount::DOUBLE
        FROM clean_lines WHERE customer_id = $id ORDER BY invoice_date DESC, line_number LIMIT $limit
        """,
        r => new PurchaseLine(r.GetDateTime(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
            r.IsDBNull(3) ? null : r.GetString(3), r.GetDouble(4), r.GetDouble(5)), ("id", customerId), ("limit", limit));
}
