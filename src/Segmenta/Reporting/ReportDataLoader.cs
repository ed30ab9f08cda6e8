using Segmenta.Cleaning;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Reporting;

/// <summary>Reads what the report needs from the store; fails clearly when the analysis has not been run.</summary>
internal static class ReportDataLoader
{
    /// <summary>Numeric customer features shown in the report, by column name of the customers table.</summary>
    internal static readonly string[] FeatureColumns =
    [
        "recency", "frequency", "monetary", "tenure_days", "average_order_value", "distinct_products",
        "items_bought", "return_rate", "average_monthly_spend",
    ];

    /// <summary>Fails clearly when the analysis has not been run.</summary>
    internal static void RequireAnalysis(SegmentaStore store)
    {
        if (!store.HasTable("customers") || !store.HasTable("cleaning_report"))
        {
            throw new SegmentaException($"The database {store.Path} holds no analysis yet. Run: segmenta analyze FILE --out DIR first.");
        }
    }

    /// <summary>What the later stages stored: read apart from the rest (<see cref="Load"/>), so that another connection can read it meanwhile.</summary>
    internal sealed record StageResults(
        List<SegmentationReport> Segmentations, ClusteringReport? Clustering, Exploration.ExplorationResult? Exploration, Lifetime.LifetimeView? Lifetime, CategoryReport? Categories);

    internal static StageResults LoadStageResults(SegmentaStore store) => new(
        LoadSegmentations(store), ClusteringReportLoader.Load(store), Exploration.Explorer.HasTables(store) ? Exploration.Explorer.Load(store) : null,
        Lifetime.LifetimeView.Load(store), CategoryReport.Load(store));

    /// <summary>
    /// Everything but the recommendations, which <see cref="ReportWriter"/> reads last (they may still be computed meanwhile): the
    /// lines, cleaning and customers of the store, with the later stages' <paramref name="results"/> (<see cref="LoadStageResults"/>).
    /// </summary>
    internal static ReportData Load(SegmentaStore store, ReportOptions options, ReportRun? run, StageResults results)
    {
        var overview = store.Query(Postgres.LineFacts.OverviewQuery(store), r => new Overview(
            r.GetDateTime(0), r.GetDateTime(1), r.IsDBNull(2) ? double.NaN : r.GetDouble(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6),
            r.IsDBNull(7) ? null : r.GetString(7)))[0];
        var imports = store.Query(
            "SELECT source_name, format, size_bytes, lines_read, lines_loaded, lines_quarantined, column_map FROM imports ORDER BY import_id",
            r => new ImportRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetString(6)));
        var quarantine = store.Query(SqlScripts.Get("Reporting/quarantine_summary.sql"), r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
        var cleaning = store.Query(CleaningRow.Query, CleaningRow.Read);
        var money = store.HasTable("cleaning_money")
            ? store.Query(CleaningMoney.Query, CleaningMoney.Read)[0]
            : null;
        var segments = store.Query(SqlScripts.Get("Reporting/rfm_summary.sql"), r => new RfmSegmentRow(
            r.IsDBNull(0) ? "(none)" : r.GetString(0), r.GetInt64(1), Nan(r, 2), r.GetDouble(3), r.GetDouble(4), Nan(r, 5)));
        segments = WithSegmentIds(store, segments);
        var preset = run is null ? "unknown" : CleaningOptions.Id(run.CleaningPreset);
        return new ReportData(overview, imports, quarantine, cleaning, preset, segments, LoadColumns(store), run?.AsOf, run?.OptionsJson,
            options.Currency ?? Features.CurrencyGuess.For(store), results.Segmentations, results.Clustering, results.Exploration, Recommendations: null)
        {
            CleaningMoney = money,
            AmountNote = Loading.LoadedAmounts.NoteFor(store),
            Lifetime = results.Lifetime,
            Categories = results.Categories,
        };
    }

    /// <summary>Links each RFM segment to its id in customer_segments, so its action is read from the profiled catalog.</summary>
    private static List<RfmSegmentRow> WithSegmentIds(SegmentaStore store, List<RfmSegmentRow> segments)
    {
        if (!store.HasTable("customer_segments"))
        {
            return segments;
        }
        var ids = store.Query(
            "SELECT DISTINCT c.rfm_segment, m.segment_id FROM customers c JOIN customer_segments m ON m.segmentation = 'rfm' AND m.customer_id = c.customer_id",
            r => (Segment: r.GetString(0), Id: r.GetInt32(1))).ToDictionary(x => x.Segment, x => x.Id);
        return segments.Select(s => s with { SegmentId = ids.TryGetValue(s.Segment, out var id) ? id : null }).ToList();
    }

    private static List<SegmentationReport> LoadSegmentations(SegmentaStore store)
    {
        if (!store.HasTable("segment_catalog"))
        {
            return [];
        }
        var names = store.Query("SELECT DISTINCT segmentation FROM segment_catalog ORDER BY segmentation = 'rfm', segmentation", r => SegmentationKinds.Parse(r.GetString(0)));
        return names.Select(name =>
        {
            (string, object?) s = ("s", name.Id());
            var segments = store.Query(
                """
                SELECT c.segment_id, c.name, m.customers, m.customer_share, m.revenue_share, m.revenue_per_customer,
                       c.explanation, c.explanation_fidelity, c.action, c.action_reasoning, c.segmentation_fidelity
                FROM segment_catalog c JOIN segment_summary m USING (segmentation, segment_id)
                WHERE c.segmentation = $s ORDER BY c.segment_id
                """,
                r => (Row: new SegmentRow(r.GetInt32(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3), Nan(r, 4), Nan(r, 5),
                    r.GetString(6), r.GetDouble(7), r.GetString(8), r.GetString(9)), Fidelity: r.GetDouble(10)), s);
            var indexes = store.Query("SELECT segment_id, feature, index FROM segment_feature_stats WHERE segmentation = $s AND index IS NOT NULL",
                r => (Key: (r.GetInt32(0), r.GetString(1)), Value: r.GetDouble(2)), s).ToDictionary(x => x.Key, x => x.Value);
            var products = store.Query(
                "SELECT segment_id, coalesce(description, stock_code), revenue FROM segment_top_products WHERE segmentation = $s AND rank_by_revenue <= 3 ORDER BY segment_id, rank_by_revenue",
                r => (r.GetInt32(0), r.GetString(1), Nan(r, 2)), s);
            var insights = store.Query("SELECT insight FROM segment_insights WHERE segmentation = $s ORDER BY position", r => r.GetString(0), s);
            return new SegmentationReport(name, segments.Select(x => x.Row).ToList(), segments.Count > 0 ? segments[0].Fidelity : double.NaN, indexes, products, insights);
        }).ToList();
    }

    /// <summary>NULL (money of a file without amounts) reads as NaN, which the report shows as an empty cell.</summary>
    private static double Nan(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? double.NaN : r.GetDouble(i);

    private static CustomerColumns LoadColumns(SegmentaStore store)
    {
        var columns = FeatureColumns.ToDictionary(c => c, _ => new List<double>());
        var select = string.Join(", ", FeatureColumns.Select(c => $"CAST({c} AS DOUBLE)"));
        store.Query($"SELECT {select} FROM customers ORDER BY customer_id", r =>
        {
            for (var i = 0; i < FeatureColumns.Length; i++)
            {
                columns[FeatureColumns[i]].Add(r.IsDBNull(i) ? double.NaN : r.GetDouble(i));
            }
            return 0;
        });
        return new CustomerColumns(columns.ToDictionary(p => p.Key, p => p.Value.ToArray()));
    }
}
