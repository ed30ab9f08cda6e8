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
        var cancellations = store.Query(CancellationsQuery, ReadLine);
        var purchases = store.Query(PurchasesQuery, ReadLine);
        var (allocations, outcomes) = Match(cancellations, purchases);
        store.Execute("""
            CREATE OR REPLACE TABLE return_allocations (
                import_id INTEGER, line_number BIGINT, purchase_import_id INTEGER, purchase_line_number BIGINT,
                units DECIMAL(18,4), value DECIMAL(18,4));
            CREATE OR REPLACE TABLE return_outcomes (import_id INTEGER, line_number BIGINT, rule VARCHAR);
            """);
        using (var allocationRows = store.Connection.CreateAppender("return_allocations"))
        {
            foreach (var a in allocations)
            {
                allocationRows.CreateRow().AppendValue(a.ImportId).AppendValue(a.LineNumber)
                    .AppendValue(a.PurchaseImportId).AppendValue(a.PurchaseLineNumber).AppendValue(a.Units).AppendValue(a.Value).EndRow();
            }
        }
        using var outcomeRows = store.Connection.CreateAppender("return_outcomes");
        foreach (var o in outcomes)
        {
            outcomeRows.CreateRow().AppendValue(o.ImportId).AppendValue(o.LineNumber).AppendValue(o.Rule).EndRow();
        }
    }

    /// <summary>The cancellations in the order they are matched (portable SQL: DuckDB and PostgreSQL read it alike).</summary>
    internal const string CancellationsQuery = """
        SELECT import_id, line_number, customer_id, stock_code, invoice_date, units, unit_price, value
        FROM return_cancellations
        ORDER BY customer_id, stock_code, invoice_date, units, unit_price, import_id, line_number
        """;

    /// <summary>The purchases, most recent first within a customer and product.</summary>
    internal const string PurchasesQuery = """
        SELECT import_id, line_number, customer_id, stock_code, invoice_date, units, unit_price, CAST(0 AS DECIMAL(18,4)) AS value
        FROM return_purchases
        ORDER BY customer_id, stock_code, invoice_date DESC, units DESC, unit_price, import_id, line_number
        """;

    internal static Line ReadLine(System.Data.Common.DbDataReader r) =>
        new(r.GetInt32(0), r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetDateTime(4),
            r.GetDecimal(5), r.GetDecimal(6), r.IsDBNull(7) ? null : r.GetDecimal(7));

    /// <summary>The running allocation itself, independent of the engine the lines come from.</summary>
    internal static (List<Allocation> Allocations, List<Outcome> Outcomes) Match(IReadOnlyList<Line> cancellations, IReadOnlyList<Line> purchases)
    {
        var byProduct = purchases.GroupBy(p => (p.Customer, p.Product)).ToDictionary(g => g.Key, g => g.ToList());
        var remaining = purchases.ToDictionary(p => (p.ImportId, p.LineNumber), p => p.Units);
        var allocations = new List<Allocation>();
        var outcomes = new List<Outcome>(cancellations.Count);
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
                allocations.Add(new Allocation(cancellation.ImportId, cancellation.LineNumber, purchase.ImportId, purchase.LineNumber, units, value));
                if (need == 0)
                {
                    break;
                }
            }
            var rule = earlier.Count == 0 || cancellation.Units <= 0 ? NoPurchase : need == 0 ? Return : BeyondPurchases;
            outcomes.Add(new Outcome(cancellation.ImportId, cancellation.LineNumber, rule));
        }
        return (allocations, outcomes);
    }

    /// <summary>Part of a cancellation netted against one purchase.</summary>
    internal sealed record Allocation(int ImportId, long LineNumber, int PurchaseImportId, long PurchaseLineNumber, decimal Units, decimal? Value);

    /// <summary>The rule a cancellation ends with.</summary>
    internal sealed record Outcome(int ImportId, long LineNumber, string Rule);

    internal sealed record Line(int ImportId, long LineNumber, string Customer, string? Product, DateTime Date, decimal Units, decimal UnitPrice, decimal? Value);
}
