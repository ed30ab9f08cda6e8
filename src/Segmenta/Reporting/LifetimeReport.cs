using Segmenta.Store;

namespace Segmenta.Reporting;

/// <summary>One fit as the report shows it.</summary>
internal sealed record LifetimeFitRow(string Period, string Model, string Parameters, double? LogLikelihood, long Customers, bool Converged, bool AtBoundary, bool Chosen);

/// <summary>One churn-risk tier: customers and their predicted value at the longest horizon.</summary>
internal sealed record ChurnTierRow(string Tier, long Customers, double? TotalClv, double? MeanClv);

/// <summary>What the lifetime section shows, read from the lifetime stage's tables.</summary>
internal sealed record LifetimeReport(
    string Model, string ChoiceReason, string TimeUnit, double DiscountRate, int Horizon, DateOnly? CalibrationEnd, double? SpendFrequencyCorrelation,
    IReadOnlyList<LifetimeFitRow> Fits, IReadOnlyList<Lifetime.HoldoutRow> Holdout, IReadOnlyList<ChurnTierRow> Tiers,
    IReadOnlyList<(string CustomerId, double PAlive, double Clv)> TopCustomers)
{
    internal static LifetimeReport? Load(SegmentaStore store)
    {
        if (!store.HasTable("clv_settings") || store.Scalar<long>("SELECT count(*) FROM clv_settings") == 0)
        {
            return null;
        }
        var settings = store.Query("SELECT model, choice_reason, time_unit, discount_rate, horizons, calibration_end, spend_frequency_correlation FROM clv_settings",
            r => (Model: r.GetString(0), Reason: r.GetString(1), Unit: r.GetString(2), Rate: r.GetDouble(3),
                Horizon: r.GetString(4).Split(',').Select(h => int.Parse(h, System.Globalization.CultureInfo.InvariantCulture)).Max(),
                Calibration: r.IsDBNull(5) ? (DateOnly?)null : DateOnly.FromDateTime(r.GetDateTime(5)), Correlation: r.IsDBNull(6) ? (double?)null : r.GetDouble(6)))[0];
        var fits = store.Query("""
            SELECT f.period, f.model, string_agg(p.parameter || ' = ' || printf('%.4g', p.value), ', ' ORDER BY p.ordinal),
                   f.log_likelihood, f.customers, f.converged, f.at_boundary, f.chosen
            FROM clv_fits f JOIN clv_parameters p USING (period, model)
            GROUP BY ALL ORDER BY f.period DESC, f.model
            """, r => new LifetimeFitRow(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetDouble(3), r.GetInt64(4),
                r.GetBoolean(5), r.GetBoolean(6), r.GetBoolean(7)));
        var holdout = store.Query("SELECT model, frequency_group, customers, actual_purchases, predicted_purchases, baseline_purchases, model_mae, baseline_mae, model_rmse, baseline_rmse FROM clv_holdout WHERE model = $m ORDER BY group_order",
            r => new Lifetime.HoldoutRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9)),
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
        return new LifetimeReport(settings.Model, settings.Reason, settings.Unit, settings.Rate, settings.Horizon, settings.Calibration, settings.Correlation,
            fits, holdout, tiers, top);
    }
}
