namespace Segmenta.Generating;

/// <summary>
/// Works out, line by line, what the cleaning rules of docs/cleaning.md make of the generated lines, without any
/// of the cleaning code: a value-based reading of each rule, and for cancellations a running count per customer and
/// product of the units bought in kept purchases up to that moment (whatever purchase the matcher picks, only these
/// counts decide between return, return beyond purchases and unmatched cancellation, and the returned value).
/// A customer's lines must come in file order (by time, purchases before cancellations at the same moment).
/// </summary>
internal sealed class TruthCounter
{
    internal static readonly string[] DefaultRules =
    [
        "missing_customer", "adjustment", "refund", "non_product", "return", "return_beyond_purchases",
        "unmatched_cancellation", "zero_quantity", "negative_price", "extreme_quantity", "duplicate", "kept",
    ];

    internal static readonly string[] ClassicRules =
        ["missing_customer", "cancelled_invoice", "non_positive_quantity", "non_positive_price", "duplicate", "kept"];

    private static readonly HashSet<string> NonProductCodes = new(Cleaning.CleaningOptions.DefaultNonProductCodes.Where(c => !c.Contains('%')), StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> RefundCodes = new(Cleaning.CleaningOptions.DefaultRefundCodes, StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, (long Lines, long Cents)> _default = DefaultRules.ToDictionary(r => r, _ => (0L, 0L));
    private readonly Dictionary<string, (long Lines, long Cents)> _classic = ClassicRules.ToDictionary(r => r, _ => (0L, 0L));
    private long _customers, _classicCustomers, _customerIds, _freeOnly, _returnsCents, _refundsCents, _refundsWithoutCents, _refundLinesWithout;

    /// <summary>Counts the lines written in one chunk (guests and whole customers, in file order).</summary>
    internal void Add(ReadOnlySpan<ShopLine> written)
    {
        var byCustomer = new Dictionary<long, List<ShopLine>>();
        foreach (var line in written)
        {
            if (line.Customer < 0)
            {
                Tally(_default, "missing_customer", line);
                Tally(_classic, "missing_customer", line);
            }
            else if (byCustomer.TryGetValue(line.Customer, out var list))
            {
                list.Add(line);
            }
            else
            {
                byCustomer[line.Customer] = [line];
            }
        }
        foreach (var lines in byCustomer.Values)
        {
            Customer(lines);
        }
    }

    internal GroundTruth Result(GenerateOptions options, long lines, TruthModel model)
    {
        static IReadOnlyList<TruthRow> Rows(string[] rules, Dictionary<string, (long Lines, long Cents)> tally) =>
            rules.Select(r => new TruthRow(r, tally[r].Lines, tally[r].Cents / 100m)).ToList();
        var sales = _default["kept"].Cents / 100m;
        var money = new TruthMoney(sales, _returnsCents / 100m, _refundsCents / 100m, _refundsWithoutCents / 100m, _refundLinesWithout,
            sales - _returnsCents / 100m - _refundsCents / 100m, _freeOnly);
        return new GroundTruth(Path.GetFileName(options.OutputPath), lines, options.Seed, options.Products, _customers, _classicCustomers,
            _customerIds, Rows(DefaultRules, _default), Rows(ClassicRules, _classic), money, model);
    }

    private void Customer(List<ShopLine> lines)
    {
        _customerIds++;
        var available = new Dictionary<string, long>();
        bool kept = false, allFree = true, classicKept = false;
        long refundCents = 0, refundLines = 0;
        foreach (var line in lines)
        {
            var rule = DefaultRule(line, available);
            Tally(_default, rule, line);
            if (rule == "kept")
            {
                kept = true;
                allFree &= line.AmountCents == 0;
            }
            else if (rule == "refund")
            {
                refundCents -= line.AmountCents;
                refundLines++;
            }
            var classic = ClassicRule(line);
            Tally(_classic, classic, line);
            classicKept |= classic == "kept";
        }
        if (kept)
        {
            _customers++;
            _refundsCents += refundCents;
            _freeOnly += allFree ? 1 : 0;
        }
        else
        {
            _refundsWithoutCents += refundCents;
            _refundLinesWithout += refundLines;
        }
        _classicCustomers += classicKept ? 1 : 0;
    }

    private string DefaultRule(ShopLine line, Dictionary<string, long> available)
    {
        if (line.Invoice.StartsWith('A'))
        {
            return "adjustment";
        }
        if (RefundCodes.Contains(line.StockCode) && line.AmountCents < 0)
        {
            return "refund";
        }
        if (NonProductCodes.Contains(line.StockCode))
        {
            return "non_product";
        }
        if (line.IsCancellation)
        {
            var units = (long)-line.Quantity;
            if (!available.TryGetValue(line.StockCode, out var left))
            {
                return "unmatched_cancellation";
            }
            var matched = Math.Min(units, left);
            available[line.StockCode] = left - matched;
            _returnsCents += matched * line.PriceCents;
            return matched == units ? "return" : "return_beyond_purchases";
        }
        if (line.Quantity == 0)
        {
            return "zero_quantity";
        }
        if (line.PriceCents < 0)
        {
            return "negative_price";
        }
        if (Math.Abs(line.Quantity) >= 10_000)
        {
            return "extreme_quantity";
        }
        if (line.IsCopy)
        {
            return "duplicate";
        }
        available[line.StockCode] = available.GetValueOrDefault(line.StockCode) + line.Quantity;
        return "kept";
    }

    private static string ClassicRule(ShopLine line) =>
        line.Invoice.StartsWith('C') ? "cancelled_invoice"
        : line.Quantity <= 0 ? "non_positive_quantity"
        : line.PriceCents <= 0 ? "non_positive_price"
        : line.IsCopy ? "duplicate"
        : "kept";

    private static void Tally(Dictionary<string, (long Lines, long Cents)> tally, string rule, ShopLine line)
    {
        var (lines, cents) = tally[rule];
        tally[rule] = (lines + 1, cents + line.AmountCents);
    }
}
