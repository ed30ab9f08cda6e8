using Segmenta.Store;

namespace Segmenta.Cleaning;

/// <summary>Applies a cleaning preset to every loaded line, inside the store, and reports where each line went.</summary>
public static class Cleaner
{
    /// <summary>Rebuilds clean_lines, returns and cleaning_report from raw_lines.</summary>
    public static CleaningReport Run(SegmentaStore store, CleaningOptions options)
    {
        options.Validate();
        var preset = options.Preset == CleaningPreset.Classic ? "classic" : "default";
        store.Execute($"SET VARIABLE preset = '{preset}'");
        store.Execute("SET VARIABLE extreme_quantity = $q::DOUBLE", ("q", options.ExtremeQuantity));
        store.Execute("CREATE OR REPLACE TEMP TABLE non_product_codes (pattern VARCHAR)");
        foreach (var code in options.Preset == CleaningPreset.Default ? options.NonProductCodes : [])
        {
            store.Execute("INSERT INTO non_product_codes VALUES ($p)", ("p", code));
        }
        store.Execute("CREATE OR REPLACE TEMP TABLE cleaning_rules (step INTEGER, rule VARCHAR, description VARCHAR)");
        var step = 1;
        foreach (var (rule, description) in CleaningRules.For(options.Preset))
        {
            store.Execute("INSERT INTO cleaning_rules VALUES ($s, $r, $d)", ("s", step++), ("r", rule), ("d", description));
        }
        store.Execute(SqlScripts.Get("Cleaning/clean_lines.sql"));
        ThrowIfOutcomesMisaligned(store);
        store.Execute(SqlScripts.Get("Cleaning/cleaning_report.sql"));
        var rows = store.Query(
            "SELECT step, rule, description, lines, revenue, line_share FROM cleaning_report ORDER BY step",
            r => new CleaningRow(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetDouble(4), r.IsDBNull(5) ? 0 : r.GetDouble(5)));
        var quarantined = store.Scalar<long?>("SELECT sum(lines_quarantined)::BIGINT FROM imports") ?? 0;
        return new CleaningReport(options.Preset, rows, quarantined);
    }

    /// <summary>The positional pairing of lines and outcomes is only valid while both are in the same order.</summary>
    private static void ThrowIfOutcomesMisaligned(SegmentaStore store)
    {
        var misaligned = store.Scalar<long>(
            """
            SELECT count(*) FROM raw_lines l POSITIONAL JOIN line_outcomes o
            WHERE l.import_id IS DISTINCT FROM o.import_id OR l.line_number IS DISTINCT FROM o.line_number
            """);
        if (misaligned != 0)
        {
            throw new InvalidOperationException($"{misaligned} line outcomes are not aligned with raw_lines; the store's line order was changed.");
        }
    }
}
