using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Cleaning;

/// <summary>
/// Matches each cancellation to earlier kept purchases of the same customer and product, by units: a cancellation may
/// consume several purchases and a purchase may be returned in several parts. Cancellations are taken in time order;
/// each one draws first on purchases at the same unit price (the purchase it most likely reverses), then on the most
/// recent (a return usually follows the purchase closely, and taking the latest leaves older purchases to older
/// returns). Ties are broken by content before position, so the same lines in any order give the same result.
/// This is a running allocation (each match changes what the next one can take), hence C# over the few lines
/// involved rather than SQL; it reads return_cancellations and return_purchases and writes return_allocations and
/// return_outcomes.
/// </summary>
internal static class ReturnMatcher
{
    internal const string Return = "return";
    internal const string BeyondPurchases = "return_beyond_purchases";
    internal const string NoPurchase = "unmatched_cancellation";

    internal static void Run(SegmentaStore store)
    {
        var cancellations = store.Query(
            """
            SELECT import_id, line_number, customer_id, stock_code, invoice_date, units, unit_price, value
            FROM return_cancellations
            ORDER BY customer_id, stock_code, invoice_date, units, unit_price, import_id, line_number
            """,
            r => new Line(r.GetInt32(0), r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetDateTime(4),
                r.GetDecimal(5), r.GetDecimal(6), r.IsDBNull(7) ? null : r.GetDecimal(7)));
        var purchases = store.Query(
            """
            SELECT import_id, line_number, customer_id, stock_code, invoice_date, units, unit_price, 0::DECIMAL AS value
            FROM return_purchases
            ORDER BY customer_id, stock_code, invoice_date DESC, units DESC, unit_price, import_id, line_number
            """,
            r => new Line(r.GetInt32(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetDateTime(4),
                r.GetDecimal(5), r.GetDecimal(6), 0m));
        var byProduct = purchases.GroupBy(p => (p.Customer, p.Product)).ToDictionary(g => g.Key, g => g.ToList());
        var remaining = purchases.ToDictionary(p => (p.ImportId, p.LineNumber), p => p.Units);

        store.Execute("""
            CREATE OR REPLACE TABLE return_allocations (
                import_id INTEGER, line_number BIGINT, purchase_import_id INTEGER, purchase_line_number BIGINT,
                units DECIMAL(18,4), value DECIMAL(18,4));
            CREATE OR REPLACE TABLE return_outcomes (import_id INTEGER, line_number BIGINT, rule VARCHAR);
            """);
        using var allocations = store.Connection.CreateAppender("return_allocations");
        using var outcomes = store.Connection.CreateAppender("return_outcomes");
        foreach (var cancellation in cancellations)
        {
            var earlier = cancellation.Product is { } product && byProduct.TryGetValue((cancellation.Customer, product), out var list)
                ? list.Where(p => p.Date <= cancellation.Date).ToList()
                : [];
            var need = cancellation.Units;
            var valueLeft = cancellation.Value;
            // Same price first; the list is already most recent first, and OrderBy is stable.
            foreach (var purchase in earlier.OrderBy(p => p.UnitPrice == cancellation.UnitPrice ? 0 : 1))
            {
                var key = (purchase.ImportId, purchase.LineNumber);
                var units = Math.Min(need, remaining[key]);
                if (units <= 0)
                {
                    continue;
                }
                remaining[key] -= units;
                need -= units;
                // The last part of a fully matched line takes what is left of its amount, so parts add up exactly.
                // Without an amount in the file the value is unknown (NULL), not 0.
                decimal? value = valueLeft is null ? null : need == 0 ? valueLeft : Money.Round(units * cancellation.UnitPrice);
                valueLeft -= value;
                allocations.CreateRow().AppendValue(cancellation.ImportId).AppendValue(cancellation.LineNumber)
                    .AppendValue(purchase.ImportId).AppendValue(purchase.LineNumber).AppendValue(units).AppendValue(value).EndRow();
                if (need == 0)
                {
                    break;
                }
            }
            var rule = earlier.Count == 0 || cancellation.Units <= 0 ? NoPurchase : need == 0 ? Return : BeyondPurchases;
            outcomes.CreateRow().AppendValue(cancellation.ImportId).AppendValue(cancellation.LineNumber).AppendValue(rule).EndRow();
        }
    }

    private sealed record Line(int ImportId, long LineNumber, string Customer, string? Product, DateTime Date, decimal Units, decimal UnitPrice, decimal? Value);
}
