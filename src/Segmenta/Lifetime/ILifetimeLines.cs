using Segmenta.Store;

namespace Segmenta.Lifetime;

/// <summary>
/// The lifetime stage's line-level work done where the lines are rather than on the local store's lines (the
/// PostgreSQL engine: Postgres/PostgresLineStages.cs).
/// </summary>
internal interface ILifetimeLines
{
    /// <summary>The first and last kept purchase's time (both null without any).</summary>
    (DateTime? First, DateTime? Last) PurchaseDates();

    /// <summary>
    /// Leaves in the store the temp tables customer_summary.sql and tracking.sql would make from the local lines:
    /// lifetime_summary (one row per customer, the same columns and values), lifetime_tracking_first (each cohort
    /// customer's first purchase day) and lifetime_tracking_repeat (repeat purchases per day).
    /// </summary>
    void Summarise(SegmentaStore store, DateOnly calibrationEnd, DateOnly observationEnd, double unitDays);
}
