using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Cleaning;

/// <summary>Applies a cleaning preset to every loaded line, inside the store, and reports where each line went.</summary>
public static class Cleaner
{
    /// <summary>Rebuilds clean_lines, returns, refunds, cleaning_report and cleaning_money from raw_lines.</summary>
    public static CleaningReport Run(SegmentaStore store, CleaningOptions options)
    {
        var (report, write) = Clean(store, options, withPurchaseTables: false);
        using (write)
        {
            write.Finish(store);
        }
        return report;
    }

    /// <summary>
    /// <see cref="Run(SegmentaStore, CleaningOptions)"/>, returning while the purchase tables of the new kept lines
    /// (<see cref="PurchaseTables"/>) are still being written on a connection of their own: call
    /// <see cref="KeptLinesWrite.Finish"/> before anything reads them, and dispose the write in every case.
    /// </summary>
    internal static (CleaningReport Report, KeptLinesWrite PurchaseTables) RunLeavingPurchaseTables(SegmentaStore store, CleaningOptions options) =>
        Clean(store, options, withPurchaseTables: true);

    private static (CleaningReport Report, KeptLinesWrite Write) Clean(SegmentaStore store, CleaningOptions options, bool withPurchaseTables)
    {
        var evidence = Prepare(store, options);
        store.Execute(SqlScripts.Get("Cleaning/line_rules.sql"));
        DropOutcomesTable(store);
        KeptLinesWrite? write = null;
        try
        {
            // The kept lines' texts written without trying FSST or ZSTD (SegmentaStore.WithoutFsstOrZstd says why); cleaning
            // runs alone, so the instance-wide setting touches no other step's writes.
            using (store.WithoutFsstOrZstd())
            {
                // The kept lines depend on line_rules only, and so do the matcher, the removed lines, returns and refunds: the
                // two sides run at once, each on its own connection. The kept lines' write fills both cores for most of its
                // time, the other side is mostly one thread (the matcher's C#, small statements), so together they end sooner
                // than one after the other (decision 93).
                write = KeptLinesWrite.Start(store, withPurchaseTables);
                try
                {
                    ReturnMatcher.Run(store);
                    store.Execute(SqlScripts.Get("Cleaning/clean_lines.sql"));
                    write.WaitForKeptLines();
                }
                catch
                {
                    // Stopped before the setting is set back: no statement of the write runs while it changes.
                    write.Dispose();
                    throw;
                }
            }
            write.SettingsRestored();
            // The first pass's temp tables stay in DuckDB's memory (or its spill) for the rest of the run unless dropped.
            store.Execute("""
                DROP TABLE line_rules; DROP TABLE claimed_lines; DROP TABLE return_cancellations; DROP TABLE return_purchases;
                DROP TABLE repeated_hashes; DROP VIEW ruled_lines; DROP TABLE non_product_stock_codes
                """);
            store.Execute(SqlScripts.Get("Cleaning/cleaning_report.sql"));
            var rows = store.Query(CleaningRow.Query, CleaningRow.Read);
            var money = store.Query(CleaningMoney.Query, CleaningMoney.Read)[0];
            var quarantined = store.Scalar<long?>("SELECT sum(lines_quarantined)::BIGINT FROM imports") ?? 0;
            return (new CleaningReport(options.Preset, rows, quarantined, money, evidence) { AmountNote = LoadedAmounts.NoteFor(store) }, write);
        }
        catch
        {
            write?.Dispose();
            throw;
        }
    }

    /// <summary>The options as the scripts read them: variables, pattern tables and the preset's rules; returns the duplicate evidence.</summary>
    internal static string Prepare(SegmentaStore store, CleaningOptions options)
    {
        options.Validate();
        var classic = options.Preset == CleaningPreset.Classic;
        store.Execute($"SET VARIABLE preset = '{CleaningOptions.Id(options.Preset)}'");
        store.Execute($"SET VARIABLE duplicates = '{CleaningOptions.Id(options.Duplicates)}'");
        store.Execute("SET VARIABLE extreme_quantity = $q::DOUBLE", ("q", options.ExtremeQuantity));
        FillPatterns(store, "non_product_codes", classic ? [] : options.NonProductCodes);
        FillPatterns(store, "refund_codes", classic ? [] : options.RefundCodes);
        var evidence = DuplicateEvidence(store, options);
        var rules = CleaningRules.For(options.Preset)
            .Select((r, i) => new object?[] { i + 1, r.Rule, r.Rule == "duplicate" ? $"{r.Description} {evidence}" : r.Description })
            .ToList();
        store.Execute("CREATE OR REPLACE TEMP TABLE cleaning_rules (step INTEGER, rule VARCHAR, description VARCHAR)");
        store.InsertRows("cleaning_rules", rules);
        return evidence;
    }

    private static void FillPatterns(SegmentaStore store, string table, IReadOnlyList<string> patterns)
    {
        store.Execute($"CREATE OR REPLACE TEMP TABLE {table} (pattern VARCHAR)");
        store.InsertRows(table, [.. patterns.Select(p => new object?[] { p })]);
    }

    /// <summary>Which evidence makes two equal lines a double export rather than two purchases, in words.</summary>
    private static string DuplicateEvidence(SegmentaStore store, CleaningOptions options) =>
        options.Preset == CleaningPreset.Classic || options.Duplicates != DuplicatePolicy.Auto
            ? DuplicateEvidence(options, 0, 0)
            : DuplicateEvidence(options, store.Scalar<long>("SELECT count(*) FILTER (WHERE invoice IS NULL) FROM raw_lines"), store.Scalar<long>("SELECT count(*) FROM raw_lines"));

    /// <summary>The evidence in words, from the counts of lines without an invoice number and of all lines (any engine).</summary>
    internal static string DuplicateEvidence(CleaningOptions options, long withoutInvoice, long total)
    {
        if (options.Preset == CleaningPreset.Classic)
        {
            return "Evidence: none needed, the classic recipe removes every copy.";
        }
        if (options.Duplicates == DuplicatePolicy.Remove)
        {
            return "Evidence: none, copies removed on request (duplicates = remove).";
        }
        if (options.Duplicates == DuplicatePolicy.Keep)
        {
            return "Not applied (duplicates = keep): equal lines count as separate purchases.";
        }
        return withoutInvoice == 0
            ? "Evidence: the invoice number; a copy within one invoice is a double export, so it is removed."
            : withoutInvoice == total
                ? "Not applied: the data has no invoice number, so equal lines may be real repeat purchases and are kept (duplicates = remove drops them)."
                : "Evidence: the invoice number, where there is one; equal lines without an invoice number are kept as separate purchases.";
    }

    /// <summary>
    /// A store cleaned before session 13 holds line_outcomes as a table (every line's outcome, in line order); it is a
    /// view now (clean_lines.sql), which DuckDB does not let replace a table.
    /// </summary>
    internal static void DropOutcomesTable(SegmentaStore store)
    {
        if (store.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'line_outcomes'") > 0)
        {
            store.Execute("DROP TABLE line_outcomes");
        }
    }
}
