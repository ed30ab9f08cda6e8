using System.Diagnostics;
using Segmenta.Store;

namespace Segmenta.Exploration;

/// <summary>
/// The analyses every retail notebook starts with (sales by month, products, countries, customer distributions, cohorts,
/// data quality), computed in the store from clean_lines and kept there as exploration_* tables.
/// </summary>
public static class Explorer
{
    /// <summary>The scripts in the order they run, each producing the table it is named for; the first five make temp inputs.</summary>
    private static readonly string[] Scripts =
    [
        "exploration_orders",
        "exploration_product_stats",
        "exploration_price_points",
        "exploration_customers",
        "exploration_customer_months",
        "exploration_monthly",
        "exploration_yearly",
        "exploration_weekday_hour",
        "exploration_top_products",
        "exploration_product_summary",
        "exploration_price_bands",
        "exploration_countries",
        "exploration_customer_summary",
        "exploration_orders_per_customer",
        "exploration_spend_per_customer",
        "exploration_pareto",
        "exploration_cohorts",
        "exploration_cohort_months",
        "exploration_retention_curve",
        "exploration_data_quality",
    ];

    /// <summary>Rebuilds the exploration tables from clean_lines (run cleaning first) and reads them back.</summary>
    public static ExplorationResult Run(SegmentaStore store, ExplorationOptions options)
    {
        Compute(store, options, onScript: null);
        return Load(store);
    }

    /// <summary>
    /// As <see cref="Run(SegmentaStore, ExplorationOptions)"/>, without the scripts whose tables another engine already
    /// left in the store (<paramref name="computedElsewhere"/>, e.g. exploration_orders made on PostgreSQL).
    /// </summary>
    internal static ExplorationResult Run(SegmentaStore store, ExplorationOptions options, IReadOnlySet<string> computedElsewhere)
    {
        Compute(store, options, onScript: null, computedElsewhere);
        return Load(store);
    }

    /// <summary>Rebuilds the exploration tables, telling <paramref name="onScript"/> how long each script took (for benchmarks).</summary>
    internal static void Compute(SegmentaStore store, ExplorationOptions options, Action<string, TimeSpan>? onScript, IReadOnlySet<string>? computedElsewhere = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!store.HasTable("cleaning_report"))
        {
            throw new SegmentaException("The store holds no cleaned lines: import a file and clean it before exploring.");
        }
        store.Execute("SET VARIABLE top_products = $n::INTEGER", ("n", options.TopProducts));
        // One transaction: readers never see a mix of old and new tables, and the store commits once instead of per table.
        store.Execute("BEGIN TRANSACTION");
        try
        {
            foreach (var script in Scripts.Where(s => computedElsewhere?.Contains(s) != true))
            {
                var started = Stopwatch.GetTimestamp();
                store.Execute(SqlScripts.Get($"Exploration/{script}.sql"));
                onScript?.Invoke(script, Stopwatch.GetElapsedTime(started));
            }
            if (!Loading.LoadedAmounts.Known(store))
            {
                // No amount in the file: the analyses that only rank or split money are emptied, not filled with zeros.
                store.Execute(
                    """
                    DELETE FROM exploration_spend_per_customer; DELETE FROM exploration_pareto; DELETE FROM exploration_price_bands;
                    DELETE FROM exploration_top_products WHERE ranking = 'revenue';
                    """);
                ClearMoneyColumns(store);
            }
            store.Execute(
                """
                DROP TABLE IF EXISTS exploration_orders; DROP TABLE IF EXISTS exploration_product_stats; DROP TABLE IF EXISTS exploration_price_points;
                DROP TABLE IF EXISTS exploration_customers; DROP TABLE IF EXISTS exploration_customer_months;
                COMMIT;
                """);
        }
        catch
        {
            store.Execute("ROLLBACK");
            throw;
        }
    }

    /// <summary>The money-based analyses a file without amounts skips, one line each.</summary>
    internal static readonly IReadOnlyList<string> SkippedWithoutAmounts =
    [
        "Revenue by month, year, weekday and hour, country and cohort: empty (no amount in this file); orders, customers and lines are counted.",
        "Products by revenue: skipped (no amount in this file); products are ranked by units, customers and returns.",
        "Price bands and unit price quantiles: skipped (no amount in this file).",
        "Spend per customer distribution: skipped (no amount in this file); orders per customer are given.",
        "Revenue concentration (Pareto): skipped (no amount in this file).",
        "Cohort revenue and cumulative revenue per customer: skipped (no amount in this file); cohort retention is given.",
    ];

    /// <summary>Sets every money column of the exploration tables to NULL (sums over no amount came out as 0, which would read as "free").</summary>
    private static void ClearMoneyColumns(SegmentaStore store)
    {
        var columns = store.Query(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_name LIKE 'exploration\_%' ESCAPE '\' AND table_name NOT IN ('exploration_data_quality')
              AND (column_name LIKE '%revenue%' OR column_name LIKE '%spend%' OR column_name LIKE '%price%' OR column_name LIKE '%value%')
            ORDER BY table_name, column_name
            """,
            r => (Table: r.GetString(0), Column: r.GetString(1)));
        foreach (var table in columns.GroupBy(c => c.Table))
        {
            store.Execute($"UPDATE {table.Key} SET {string.Join(", ", table.Select(c => $"{c.Column} = NULL"))}");
        }
    }

    /// <summary>Reads the exploration tables a previous <see cref="Run(SegmentaStore, ExplorationOptions)"/> left in the store.</summary>
    /// <summary>True when the store holds the exploration tables (segmenta analyze or explore ran).</summary>
    public static bool HasTables(SegmentaStore store) => store.HasTable("exploration_data_quality");

    public static ExplorationResult Load(SegmentaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.HasTable("exploration_data_quality"))
        {
            throw new SegmentaException("The store holds no exploration tables: run segmenta explore (or analyze) on it first.");
        }
        var result = ExplorationLoader.Load(store);
        return Loading.LoadedAmounts.Known(store) ? result : result with { Skipped = SkippedWithoutAmounts };
    }
}
