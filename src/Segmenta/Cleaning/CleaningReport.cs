namespace Segmenta.Cleaning;

/// <summary>One outcome of cleaning: the lines a rule removed (or kept), their revenue, and both as shares of what was loaded.</summary>
/// <param name="Step">Position of the rule in the order of application (1 = first).</param>
/// <param name="Rule">Rule name, or "kept".</param>
/// <param name="Description">Why the rule exists (for the duplicate rule, also the evidence used).</param>
/// <param name="Lines">Lines the rule claimed.</param>
/// <param name="Revenue">Sum of the lines' amounts (negative for cancellations and refunds), exact, rounded to cents; null when the lines have no amount.</param>
/// <param name="LineShare">Share of all loaded lines.</param>
/// <param name="RevenueShare">Share of the loaded lines' revenue (signed, so cancellations have negative shares); null when that revenue is 0.</param>
public sealed record CleaningRow(int Step, string Rule, string Description, long Lines, decimal? Revenue, double LineShare, double? RevenueShare)
{
    /// <summary>The rows of the <c>cleaning_report</c> table in rule order, as both engines' cleaning reads them.</summary>
    internal const string Query = "SELECT step, rule, description, lines, revenue, line_share, revenue_share FROM cleaning_report ORDER BY step";

    /// <summary>One row of <see cref="Query"/>.</summary>
    internal static CleaningRow Read(System.Data.Common.DbDataReader r) =>
        new(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetDecimal(4),
            r.IsDBNull(5) ? 0 : r.GetDouble(5), r.IsDBNull(6) ? null : r.GetDouble(6));
}

/// <summary>
/// The money vocabulary of every output, reconciled: <see cref="NetSales"/> = <see cref="SalesOfKeptLines"/> −
/// <see cref="Returns"/> − <see cref="Refunds"/>, which is also the sum of the customers' Monetary.
/// </summary>
/// <param name="SalesOfKeptLines">Sum of the amounts of the kept purchase lines ("sales of kept lines", gross).</param>
/// <param name="Returns">Value of the cancelled units matched to kept purchases ("returns").</param>
/// <param name="Refunds">Credit notes and manual adjustments of customers who have kept purchases ("refunds").</param>
/// <param name="RefundsWithoutPurchase">Refunds of customers with no kept purchase: in nobody's Monetary, shown apart.</param>
/// <param name="RefundLinesWithoutPurchase">How many refund lines those are.</param>
/// <param name="FreeOnlyCustomers">Customers whose kept purchases all cost 0: kept, with Monetary 0.</param>
public sealed record CleaningMoney(decimal SalesOfKeptLines, decimal Returns, decimal Refunds, decimal RefundsWithoutPurchase,
    long RefundLinesWithoutPurchase, long FreeOnlyCustomers)
{
    /// <summary>The one row of the <c>cleaning_money</c> table, as both engines' cleaning reads it.</summary>
    internal const string Query = "SELECT sales_of_kept_lines, returns, refunds, refunds_without_purchase, refund_lines_without_purchase, free_only_customers FROM cleaning_money";

    /// <summary>The row of <see cref="Query"/>.</summary>
    internal static CleaningMoney Read(System.Data.Common.DbDataReader r) =>
        new(r.GetDecimal(0), r.GetDecimal(1), r.GetDecimal(2), r.GetDecimal(3), r.GetInt64(4), r.GetInt64(5));

    /// <summary>Net sales: sales of kept lines − returns − refunds.</summary>
    public decimal NetSales => SalesOfKeptLines - Returns - Refunds;

    /// <summary>The reconciliation as one line, e.g. "sales of kept lines 100.00 − returns 10.00 − refunds 5.00 = net sales 85.00".</summary>
    public string Reconciliation(IFormatProvider? format = null) => string.Create(format ?? System.Globalization.CultureInfo.InvariantCulture,
        $"sales of kept lines {SalesOfKeptLines:N2} − returns {Returns:N2} − refunds {Refunds:N2} = net sales {NetSales:N2}");
}

/// <summary>What cleaning did to every loaded line. LinesLoaded = LinesKept + the lines of every removing rule.</summary>
/// <param name="Preset">The rule set applied.</param>
/// <param name="Rows">One row per rule, in order, then "kept".</param>
/// <param name="LinesQuarantined">Lines the loader could not read (not part of <see cref="LinesLoaded"/>).</param>
/// <param name="Money">Sales of kept lines, returns, refunds and net sales.</param>
/// <param name="DuplicateEvidence">Which evidence the duplicate rule used (or why it was not applied).</param>
public sealed record CleaningReport(CleaningPreset Preset, IReadOnlyList<CleaningRow> Rows, long LinesQuarantined, CleaningMoney Money, string DuplicateEvidence)
{
    /// <summary>
    /// Null when every loaded line has an amount; otherwise the one line that says money-based analyses were skipped
    /// (the rules that need money or quantities then claim no line, and <see cref="Money"/> is all 0).
    /// </summary>
    public string? AmountNote { get; init; }

    /// <summary>True when the loaded lines carry money.</summary>
    public bool HasAmounts => AmountNote is null;

    /// <summary>Lines that went into cleaning.</summary>
    public long LinesLoaded => Rows.Sum(r => r.Lines);

    /// <summary>Lines kept for the analysis.</summary>
    public long LinesKept => Rows.Single(r => r.Rule == "kept").Lines;

    /// <summary>Lines removed per rule, by rule name.</summary>
    public IReadOnlyDictionary<string, long> LinesRemovedByRule =>
        Rows.Where(r => r.Rule != "kept").ToDictionary(r => r.Rule, r => r.Lines);
}
