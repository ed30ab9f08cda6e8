using System.Globalization;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Lifetime value at cluster scale: the buy-till-you-die summary (x, t_x, T) of every customer built on the server
/// (Lifetime/customer_summary.postgres.sql), so one row per customer comes back for the fits; the fitted models'
/// predictions are then computed over the x, t_x and T it leaves there (<see cref="SqlLifetimeValue"/>).
/// </summary>
internal static class SqlLifetime
{
    /// <summary>Builds temp tables lifetime_summary (customer_id, x, t_x, t, spend_purchases, spend_sum, holdout_purchases, first_day) and lifetime_tracking_repeat (day, purchases) on the server.</summary>
    internal static long Summarize(PostgresDatabase database, DateOnly calibrationEnd, DateOnly observationEnd, double unitDays)
    {
        database.Execute($"SET segmenta.calibration_end = '{calibrationEnd:yyyy-MM-dd}'");
        database.Execute($"SET segmenta.observation_end = '{observationEnd:yyyy-MM-dd}'");
        database.Execute($"SET segmenta.unit_days = '{unitDays.ToString("R", CultureInfo.InvariantCulture)}'");
        database.Execute(SqlDialect.Postgres.Script("Lifetime/customer_summary.sql"));
        return database.Scalar<long>("SELECT count(*) FROM lifetime_summary");
    }

    /// <summary>
    /// The summary where the lines are: on one server, or on a cluster every shard over its own customers with the same
    /// SQL, in parallel (a customer's lines, zero-price purchases and returns all live on its shard). Only one row per
    /// customer and one per day of the tracking chart come back; the rows in byte order of the customer id, as DuckDB
    /// orders them, with DuckDB's mean spend (<see cref="DuckDbAverage"/>), the repeat purchases per day summed over the shards.
    /// </summary>
    internal static (IReadOnlyList<SummaryRow> Rows, IReadOnlyList<(DateOnly Day, long Purchases)> Repeats) SummarizeWhereTheLinesAre(
        PostgresOptions postgres, string schema, DateOnly calibrationEnd, DateOnly observationEnd, double unitDays)
    {
        IReadOnlyList<string> places = postgres.Shards.Count == 0 ? [postgres.Connection] : postgres.Shards;
        var perPlace = new (IReadOnlyList<SummaryRow> Rows, List<(DateOnly, long)> Repeats)[places.Count];
        Parallel.For(0, places.Count, new ParallelOptions { MaxDegreeOfParallelism = places.Count }, i =>
        {
            using var database = PostgresDatabase.Open(places[i], postgres.Shards.Count == 0 ? schema : PostgresLayout.ShardSchema(schema, i));
            Summarize(database, calibrationEnd, observationEnd, unitDays);
            if (calibrationEnd == observationEnd)
            {
                // The summary the predictions are made from (no holdout): kept for the closed forms in SQL.
                database.Execute(SqlScripts.Get("Postgres/lifetime_customers.sql"));
            }
            perPlace[i] = (Read(database), database.Query("SELECT day, purchases FROM lifetime_tracking_repeat", r => (r.GetFieldValue<DateOnly>(0), r.GetInt64(1))));
        });
        var repeats = perPlace.SelectMany(p => p.Repeats).GroupBy(r => r.Item1).Select(g => (g.Key, g.Sum(r => r.Item2))).OrderBy(r => r.Key).ToList();
        return ([.. perPlace.SelectMany(p => p.Rows).OrderBy(r => r.CustomerId, StringComparer.Ordinal)], repeats);
    }

    /// <summary>On a cluster: the rows of <see cref="SummarizeWhereTheLinesAre"/>, every shard summarising its own customers.</summary>
    internal static IReadOnlyList<SummaryRow> SummarizeOnShards(PostgresOptions postgres, string schema, DateOnly calibrationEnd, DateOnly observationEnd, double unitDays) =>
        SummarizeWhereTheLinesAre(postgres, schema, calibrationEnd, observationEnd, unitDays).Rows;

    /// <summary>The rows of the server's lifetime_summary, the mean spend as DuckDB's avg gives it from the exact sum.</summary>
    internal static IReadOnlyList<SummaryRow> Read(PostgresDatabase database) => database.Query(
        "SELECT customer_id, x, t_x, t, spend_purchases, spend_sum, holdout_purchases, first_day FROM lifetime_summary ORDER BY customer_id COLLATE \"C\"",
        r => new SummaryRow(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3), r.GetInt64(4),
            r.GetInt64(4) == 0 ? 0 : DuckDbAverage.Of(r.GetDecimal(5), r.GetInt64(4), scale: 4), r.GetInt64(6)) { FirstDay = r.GetFieldValue<DateOnly>(7) });

    /// <summary>One customer's row of lifetime_summary.</summary>
    internal sealed record SummaryRow(string CustomerId, long X, double Tx, double T, long SpendPurchases, double SpendMean, long HoldoutPurchases)
    {
        /// <summary>The day of the customer's first purchase (the tracking chart's cohort).</summary>
        internal DateOnly FirstDay { get; init; }
    }
}
