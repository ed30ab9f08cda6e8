using Segmenta.Store;

namespace Segmenta.Lifetime;

/// <summary>Every customer's buy-till-you-die summary, read from the store (built by customer_summary.sql).</summary>
internal sealed record CustomerSummary(
    string[] CustomerIds, double[] X, double[] Tx, double[] T, double[] SpendPurchases, double[] SpendMean, double[] HoldoutPurchases)
{
    internal int Count => CustomerIds.Length;

    /// <summary>Builds the summary of purchases up to <paramref name="calibrationEnd"/>, counting holdout purchases up to <paramref name="observationEnd"/>; with <paramref name="elsewhere"/>, it and the tracking chart's inputs are made where the lines are (the PostgreSQL engine).</summary>
    internal static CustomerSummary Build(SegmentaStore store, DateOnly calibrationEnd, DateOnly observationEnd, double unitDays, ILifetimeLines? elsewhere = null)
    {
        if (elsewhere is not null)
        {
            elsewhere.Summarise(store, calibrationEnd, observationEnd, unitDays);
        }
        else
        {
            store.Execute("SET VARIABLE calibration_end = $c::DATE", ("c", calibrationEnd.ToDateTime(TimeOnly.MinValue)));
            store.Execute("SET VARIABLE observation_end = $o::DATE", ("o", observationEnd.ToDateTime(TimeOnly.MinValue)));
            store.Execute("SET VARIABLE unit_days = $u::DOUBLE", ("u", unitDays));
            store.Execute(SqlScripts.Get("Lifetime/customer_summary.sql"));
        }
        var rows = store.Query(
            "SELECT customer_id, x, t_x, t, spend_purchases, spend_mean, holdout_purchases FROM lifetime_summary ORDER BY customer_id",
            r => (Id: r.GetString(0), X: (double)r.GetInt64(1), Tx: r.GetDouble(2), T: r.GetDouble(3), SpendPurchases: (double)r.GetInt64(4),
                SpendMean: r.GetDouble(5), Holdout: (double)r.GetInt64(6)));
        return new CustomerSummary(
            [.. rows.Select(r => r.Id)], [.. rows.Select(r => r.X)], [.. rows.Select(r => r.Tx)], [.. rows.Select(r => r.T)],
            [.. rows.Select(r => r.SpendPurchases)], [.. rows.Select(r => r.SpendMean)], [.. rows.Select(r => r.Holdout)]);
    }

    internal SummaryRows Rows() => SummaryRows.From(X, Tx, T);
}
