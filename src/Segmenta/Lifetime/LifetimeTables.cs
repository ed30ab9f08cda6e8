using System.Globalization;
using Segmenta.Store;

namespace Segmenta.Lifetime;

/// <summary>Saves and loads the lifetime stage's tables (DDL in lifetime_tables.sql).</summary>
public static class LifetimeTables
{
    private static readonly string[] Tables = ["clv_fits", "clv_parameters", "clv_holdout", "clv_churn_holdout", "clv_settings", "customer_clv", "customer_clv_horizons", "clv_tracking"];

    /// <summary>Creates the tables empty when no run has made them, and the customer columns view over them.</summary>
    internal static void EnsureTables(SegmentaStore store)
    {
        store.Execute(SqlScripts.Get("Lifetime/lifetime_tables.sql"));
        if (!store.HasTable("customer_clv_columns"))
        {
            CreateColumnsView(store, [], 0);
        }
    }

    internal static void Save(SegmentaStore store, LifetimeResult result)
    {
        store.Execute(string.Join(";", Tables.Select(t => $"DROP TABLE IF EXISTS {t}")));
        store.Execute(SqlScripts.Get("Lifetime/lifetime_tables.sql"));
        var options = result.Options;
        using (var appender = store.Connection.CreateAppender("clv_fits"))
        {
            foreach (var f in result.Fits)
            {
                appender.CreateRow().AppendValue(f.Period).AppendValue(f.Fit.Name).AppendValue(Finite(f.Fit.LogLikelihood)).AppendValue(f.Fit.Customers)
                    .AppendValue(f.Fit.UniqueRows).AppendValue(f.Fit.Converged).AppendValue(f.Fit.AtBoundary).AppendValue(f.Fit.Iterations).AppendValue(f.Fit.Starts.Tried)
                    .AppendValue(f.Fit.Starts.Agreeing).AppendValue(f.Chosen).AppendValue(f.Fit.Problem).EndRow();
            }
        }
        using (var appender = store.Connection.CreateAppender("clv_parameters"))
        {
            foreach (var f in result.Fits)
            {
                for (var j = 0; j < f.Fit.Parameters.Count; j++)
                {
                    var p = f.Fit.Parameters[j];
                    appender.CreateRow().AppendValue(f.Period).AppendValue(f.Fit.Name).AppendValue(p.Name).AppendValue(j)
                        .AppendValue(Finite(p.Value)).AppendValue(p.StandardError is { } se ? Finite(se) : null).EndRow();
                }
            }
        }
        using (var appender = store.Connection.CreateAppender("clv_holdout"))
        {
            foreach (var h in result.Holdout)
            {
                var order = h.FrequencyGroup == "total" ? HoldoutValidation.TopGroup + 1 : int.Parse(h.FrequencyGroup.TrimEnd('+'), CultureInfo.InvariantCulture);
                appender.CreateRow().AppendValue(h.Model).AppendValue(h.FrequencyGroup).AppendValue(order).AppendValue(h.Customers)
                    .AppendValue(h.ActualPurchases).AppendValue(h.PredictedPurchases).AppendValue(h.BaselinePurchases)
                    .AppendValue(h.ModelMedianMae).AppendValue(h.BaselineMedianMae).AppendValue(h.ModelMeanRmse).AppendValue(h.BaselineMeanRmse)
                    .AppendValue(h.ModelMeanMae).AppendValue(h.BaselineMeanMae).EndRow();
            }
        }
        using (var appender = store.Connection.CreateAppender("clv_churn_holdout"))
        {
            foreach (var c in result.ChurnHoldout)
            {
                appender.CreateRow().AppendValue(c.Model).AppendValue(c.Ranking).AppendValue(c.Tier).AppendValue(c.Tier == "total" ? 3 : Array.IndexOf(ChurnHoldout.Tiers, c.Tier))
                    .AppendValue(c.Customers).AppendValue(c.Buyers).AppendValue(c.Auc).EndRow();
            }
        }
        store.Execute("INSERT INTO clv_settings VALUES ($m, $why, $unit, $obs, $cal, $rate, $h, $churn, $corr)",
            ("m", ModelFitter.NameOf(result.Chosen)), ("why", result.ChoiceReason), ("unit", options.TimeUnit.ToString().ToLowerInvariant()),
            ("obs", options.ObservationEnd!.Value.ToDateTime(TimeOnly.MinValue)), ("cal", options.CalibrationEnd?.ToDateTime(TimeOnly.MinValue)),
            ("rate", options.DiscountRate), ("h", string.Join(",", options.HorizonDays)), ("churn", options.ChurnHorizonDays), ("corr", result.SpendFrequencyCorrelation));
        using (var customers = store.Connection.CreateAppender("customer_clv"))
        using (var horizons = store.Connection.CreateAppender("customer_clv_horizons"))
        {
            foreach (var c in result.Customers)
            {
                customers.CreateRow().AppendValue(c.CustomerId).AppendValue(c.ProbabilityAlive).AppendValue(c.ExpectedSpend).AppendValue(c.ProbabilityOfNoPurchase).AppendValue(c.ChurnRisk.ToString())
                    .AppendValue(c.RepeatPurchases).AppendValue(c.DaysSinceLastPurchase).EndRow();
                for (var k = 0; k < options.HorizonDays.Count; k++)
                {
                    horizons.CreateRow().AppendValue(c.CustomerId).AppendValue(options.HorizonDays[k]).AppendValue(c.ExpectedPurchases[k]).AppendValue(c.Clv?[k]).EndRow();
                }
            }
        }
        using (var tracking = store.Connection.CreateAppender("clv_tracking"))
        {
            foreach (var p in result.Tracking)
            {
                tracking.CreateRow().AppendValue(p.Week).AppendValue(p.WeekEnd.ToDateTime(TimeOnly.MinValue)).AppendValue(p.ActualCumulative).AppendValue(p.PredictedCumulative).EndRow();
            }
        }
        CreateColumnsView(store, options.HorizonDays, options.ChurnHorizonDays);
    }

    /// <summary>The horizons of the stored run (empty when none).</summary>
    internal static IReadOnlyList<int> Horizons(SegmentaStore store) =>
        store.HasTable("clv_settings") && store.Scalar<string>("SELECT horizons FROM clv_settings") is { } text
            ? [.. text.Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture))]
            : [];

    /// <summary>The stored predictions of one customer (null when there are none).</summary>
    public static CustomerValue? LoadCustomer(SegmentaStore store, string customerId)
    {
        if (!store.HasTable("customer_clv"))
        {
            return null;
        }
        var row = store.Query("SELECT p_alive, expected_spend, p_no_purchase, churn_risk FROM customer_clv WHERE customer_id = $id",
            r => (Alive: r.GetDouble(0), Spend: r.IsDBNull(1) ? (double?)null : r.GetDouble(1), NoPurchase: r.GetDouble(2), Risk: Enum.Parse<ChurnRisk>(r.GetString(3))), ("id", customerId));
        if (row.Count == 0)
        {
            return null;
        }
        var horizons = store.Query("SELECT expected_purchases, clv FROM customer_clv_horizons WHERE customer_id = $id ORDER BY horizon_days",
            r => (Purchases: r.GetDouble(0), Clv: r.IsDBNull(1) ? (double?)null : r.GetDouble(1)), ("id", customerId));
        var clv = horizons.All(h => h.Clv is not null) ? horizons.Select(h => h.Clv!.Value).ToList() : null;
        return new CustomerValue(customerId, row[0].Alive, [.. horizons.Select(h => h.Purchases)], row[0].Spend, clv, row[0].NoPurchase, row[0].Risk);
    }

    /// <summary>
    /// One customer's CLV columns exactly as customers.csv shows them (PAlive, ExpectedPurchases90d, ..., ExpectedSpend,
    /// Clv90d, ..., PNoPurchase90d, ChurnRisk; rounded the same way), or null when the customer has no prediction.
    /// </summary>
    public static IReadOnlyDictionary<string, object?>? LoadColumns(SegmentaStore store, string customerId)
    {
        if (!store.HasTable("customer_clv") || Horizons(store).Count == 0)
        {
            return null;
        }
        return store.Query("SELECT * EXCLUDE (customer_id) FROM customer_clv_columns WHERE customer_id = $id", r =>
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < r.FieldCount; i++)
            {
                row[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i);
            }
            return (IReadOnlyDictionary<string, object?>)row;
        }, ("id", customerId)).FirstOrDefault();
    }

    /// <summary>
    /// customer_clv_columns: one row per customer with the customers.csv column names (PAlive, ExpectedPurchases90d, ...,
    /// ExpectedSpend, Clv90d, ..., PNoPurchase90d (the churn horizon's), ChurnRisk), rounded for output; only customer_id
    /// when no run has happened.
    /// </summary>
    private static void CreateColumnsView(SegmentaStore store, IReadOnlyList<int> horizons, int churnHorizon)
    {
        if (horizons.Count == 0)
        {
            store.Execute("CREATE OR REPLACE VIEW customer_clv_columns AS SELECT customer_id FROM customer_clv");
            return;
        }
        var purchases = horizons.Select(h => $"round(max(expected_purchases) FILTER (WHERE horizon_days = {h}), 4)::DECIMAL(18,4) AS ExpectedPurchases{h}d");
        var clv = horizons.Select(h => $"round(max(clv) FILTER (WHERE horizon_days = {h}), 2)::DECIMAL(18,2) AS Clv{h}d");
        store.Execute($"""
            CREATE OR REPLACE VIEW customer_clv_columns AS
            SELECT c.customer_id, round(c.p_alive, 6)::DECIMAL(18,6) AS PAlive, {string.Join(", ", purchases)},
                   round(c.expected_spend, 2)::DECIMAL(18,2) AS ExpectedSpend, {string.Join(", ", clv)},
                   round(c.p_no_purchase, 6)::DECIMAL(18,6) AS PNoPurchase{churnHorizon}d, c.churn_risk AS ChurnRisk
            FROM customer_clv c
            JOIN customer_clv_horizons h USING (customer_id)
            GROUP BY c.customer_id, c.p_alive, c.expected_spend, c.p_no_purchase, c.churn_risk
            """);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
