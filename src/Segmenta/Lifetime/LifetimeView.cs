using Segmenta.Store;

namespace Segmenta.Lifetime;

/// <summary>One fit as the report and dashboard show it.</summary>
public sealed record LifetimeFitRow(string Period, string Model, string Parameters, double? LogLikelihood, long Customers, bool Converged, bool AtBoundary, bool Chosen);

/// <summary>One churn-risk tier (<see cref="ChurnRiskTiers"/>): customers and their predicted value at the longest horizon.</summary>
public sealed record ChurnTierRow(string Tier, long Customers, double? TotalClv, double? MeanClv);

/// <summary>Mean P(alive) of one cell of the heatmap (bucket indexes into <see cref="LifetimeView.FrequencyBuckets"/> and <see cref="LifetimeView.RecencyBuckets"/>).</summary>
public sealed record AliveCell(int Frequency, int Recency, double PAlive, long Customers);

/// <summary>Customers and their predicted value in one CLV band (index into <see cref="LifetimeView.ClvBands"/>).</summary>
public sealed record ClvBand(int Band, long Customers, double Clv);

/// <summary>What the report's lifetime section and the dashboard's CLV page show, read from the lifetime stage's tables.</summary>
public sealed record LifetimeView(
    string Model, string ChoiceReason, string TimeUnit, double DiscountRate, int Horizon, DateOnly? CalibrationEnd, double? SpendFrequencyCorrelation,
    IReadOnlyList<LifetimeFitRow> Fits, IReadOnlyList<HoldoutRow> Holdout, IReadOnlyList<ChurnTierRow> Tiers,
    IReadOnlyList<(string CustomerId, double PAlive, double Clv)> TopCustomers)
{
    /// <summary>Labels of the heatmap's repeat-purchase rows (lifetime_alive_grid.sql).</summary>
    public static readonly string[] FrequencyBuckets = ["0", "1", "2", "3", "4-5", "6-9", "10+"];

    /// <summary>Labels of the heatmap's days-since-last-purchase columns (lifetime_alive_grid.sql).</summary>
    public static readonly string[] RecencyBuckets = ["<30", "30-59", "60-89", "90-179", "180-269", "270-364", "365+"];

    /// <summary>Labels of the CLV bands (lifetime_clv_bins.sql).</summary>
    public static readonly string[] ClvBands = ["<10", "10-50", "50-100", "100-250", "250-500", "500-1k", "1k-2.5k", "2.5k-5k", "5k+"];

    /// <summary>Cumulative repeat purchases by week, actual and predicted.</summary>
    public IReadOnlyList<TrackingPoint> Tracking { get; init; } = [];

    /// <summary>Mean P(alive) per repeat-purchases × recency cell.</summary>
    public IReadOnlyList<AliveCell> AliveGrid { get; init; } = [];

    /// <summary>Customers per CLV band at the longest horizon.</summary>
    public IReadOnlyList<ClvBand> ClvDistribution { get; init; } = [];

    /// <summary>Horizon in days of the churn-risk tier (the stored <c>clv_settings.churn_horizon_days</c>).</summary>
    public int ChurnHorizonDays { get; init; }

    /// <summary>The churn-risk tier's rule in words, as the report and the dashboard state it.</summary>
    public string ChurnRule => ChurnRiskTiers.Rule(ChurnHorizonDays);

    /// <summary>The tiers checked on the holdout for the model the predictions use (model and recency rankings); empty without one.</summary>
    public IReadOnlyList<ChurnHoldoutRow> ChurnHoldout { get; init; } = [];

    /// <summary>The stored run, or null when none is stored.</summary>
    public static LifetimeView? Load(SegmentaStore store)
    {
        if (!store.HasTable("clv_settings") || store.Scalar<long>("SELECT count(*) FROM clv_settings") == 0)
        {
            return null;
        }
        var settings = store.Query("SELECT model, choice_reason, time_unit, discount_rate, horizons, calibration_end, spend_frequency_correlation, churn_horizon_days FROM clv_settings",
            r => (Model: r.GetString(0), Reason: r.GetString(1), Unit: r.GetString(2), Rate: r.GetDouble(3),
                Horizon: r.GetString(4).Split(',').Select(h => int.Parse(h, System.Globalization.CultureInfo.InvariantCulture)).Max(),
                Calibration: r.IsDBNull(5) ? (DateOnly?)null : DateOnly.FromDateTime(r.GetDateTime(5)), Correlation: r.IsDBNull(6) ? (double?)null : r.GetDouble(6), ChurnHorizon: r.GetInt32(7)))[0];
        var fits = store.Query("""
            SELECT f.period, f.model, string_agg(p.parameter || ' = ' || coalesce(printf('%.4g', p.value), 'not identified'), ', ' ORDER BY p.ordinal),
                   f.log_likelihood, f.customers, f.converged, f.at_boundary, f.chosen
            FROM clv_fits f JOIN clv_parameters p USING (period, model)
            GROUP BY ALL ORDER BY f.period DESC, f.model
            """, r => new LifetimeFitRow(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetDouble(3), r.GetInt64(4),
                r.GetBoolean(5), r.GetBoolean(6), r.GetBoolean(7)));
        var holdoutReadable = store.HasColumn("clv_holdout", "model_mean_mae");
        if (!holdoutReadable && store.Scalar<long>("SELECT count(*) FROM clv_holdout") > 0)
        {
            throw new SegmentaException("The lifetime value holdout in this database was written by an earlier version of Segmenta (its table clv_holdout has no "
                + "model_mean_mae column). Run `segmenta analyze` or `segmenta clv` on the database again to rewrite the lifetime tables; nothing else is lost.");
        }
        List<HoldoutRow> holdout = !holdoutReadable ? [] : store.Query("SELECT model, frequency_group, customers, actual_purchases, predicted_purchases, baseline_purchases, model_mae, baseline_mae, model_mean_mae, baseline_mean_mae, model_rmse, baseline_rmse FROM clv_holdout WHERE model = $m ORDER BY group_order",
            r => new HoldoutRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9),
                r.GetDouble(10), r.GetDouble(11)),
            ("m", settings.Model));
        var tiers = store.Query("""
            SELECT c.churn_risk, count(*), sum(h.clv), avg(h.clv)
            FROM customer_clv c JOIN customer_clv_horizons h ON h.customer_id = c.customer_id AND h.horizon_days = $h
            GROUP BY c.churn_risk ORDER BY CASE c.churn_risk WHEN 'Low' THEN 0 WHEN 'Medium' THEN 1 ELSE 2 END
            """, r => new ChurnTierRow(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.IsDBNull(3) ? null : r.GetDouble(3)), ("h", settings.Horizon));
        var top = store.Query("""
            SELECT c.customer_id, c.p_alive, h.clv
            FROM customer_clv c JOIN customer_clv_horizons h ON h.customer_id = c.customer_id AND h.horizon_days = $h
            WHERE h.clv IS NOT NULL ORDER BY h.clv DESC, c.customer_id LIMIT 10
            """, r => (r.GetString(0), r.GetDouble(1), r.GetDouble(2)), ("h", settings.Horizon));
        var churnHoldout = store.Query("SELECT model, ranking, tier, customers, buyers, auc FROM clv_churn_holdout WHERE model = $m ORDER BY ranking, tier_order",
            r => new ChurnHoldoutRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.IsDBNull(5) ? null : r.GetDouble(5)), ("m", settings.Model));
        var tracking = store.Query("SELECT week, week_end, actual_cumulative, predicted_cumulative FROM clv_tracking ORDER BY week",
            r => new TrackingPoint(r.GetInt32(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetDouble(2), r.GetDouble(3)));
        var grid = store.Query(SqlScripts.Get("Lifetime/alive_grid.sql"),
            r => new AliveCell(Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), r.GetInt32(1), r.GetDouble(2), r.GetInt64(3)));
        var bands = store.Query(SqlScripts.Get("Lifetime/clv_bands.sql"),
            r => new ClvBand(r.GetInt32(0), r.GetInt64(1), r.GetDouble(2)), ("h", settings.Horizon));
        return new LifetimeView(settings.Model, settings.Reason, settings.Unit, settings.Rate, settings.Horizon, settings.Calibration, settings.Correlation,
            fits, holdout, tiers, top)
        {
            Tracking = tracking,
            AliveGrid = grid,
            ClvDistribution = bands,
            ChurnHorizonDays = settings.ChurnHorizon,
            ChurnHoldout = churnHoldout,
        };
    }
}
