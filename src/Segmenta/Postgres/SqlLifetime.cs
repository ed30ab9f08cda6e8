using System.Globalization;
using Segmenta.Lifetime;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Lifetime value at cluster scale: the buy-till-you-die summary (x, t_x, T) of every customer built on the server
/// (Lifetime/customer_summary.postgres.sql), so one row per customer comes back for the fits, and the closed form of
/// a fitted BG/NBD model's probability of being alive evaluated there for every customer, with the operations in the
/// order of <see cref="BgNbdModel.ProbabilityAlive"/>. The expected purchases need Gauss's hypergeometric series
/// (<c>Hypergeometric.Series</c>, summed until it converges), which is not written in SQL.
/// </summary>
internal static class SqlLifetime
{
    /// <summary>Builds temp table lifetime_summary (customer_id, x, t_x, t, spend_purchases, spend_mean, holdout_purchases) on the server.</summary>
    internal static long Summarize(PostgresDatabase database, DateOnly calibrationEnd, DateOnly observationEnd, double unitDays)
    {
        database.Execute($"SET segmenta.calibration_end = '{calibrationEnd:yyyy-MM-dd}'");
        database.Execute($"SET segmenta.observation_end = '{observationEnd:yyyy-MM-dd}'");
        database.Execute($"SET segmenta.unit_days = '{unitDays.ToString("R", CultureInfo.InvariantCulture)}'");
        database.Execute(SqlDialect.Postgres.Script("Lifetime/customer_summary.sql"));
        return database.Scalar<long>("SELECT count(*) FROM lifetime_summary");
    }

    /// <summary>
    /// On a cluster: every shard builds the summary of its own customers with the same SQL, in parallel (a customer's
    /// lines, zero-price purchases and returns all live on its shard), and only those rows, one per customer, come
    /// back; in byte order of the customer id, as DuckDB orders them.
    /// </summary>
    internal static IReadOnlyList<SummaryRow> SummarizeOnShards(PostgresOptions postgres, string schema, DateOnly calibrationEnd, DateOnly observationEnd, double unitDays)
    {
        var perShard = new IReadOnlyList<SummaryRow>[postgres.Shards.Count];
        Parallel.For(0, postgres.Shards.Count, new ParallelOptions { MaxDegreeOfParallelism = postgres.Shards.Count }, i =>
        {
            using var shard = PostgresDatabase.Open(postgres.Shards[i], PostgresLayout.ShardSchema(schema, i));
            Summarize(shard, calibrationEnd, observationEnd, unitDays);
            perShard[i] = shard.Query(
                "SELECT customer_id, x, t_x, t, spend_purchases, spend_mean, holdout_purchases FROM lifetime_summary",
                r => new SummaryRow(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3), r.GetInt64(4), r.GetDouble(5), r.GetInt64(6)));
        });
        return [.. perShard.SelectMany(rows => rows).OrderBy(r => r.CustomerId, StringComparer.Ordinal)];
    }

    /// <summary>One customer's row of lifetime_summary.</summary>
    internal sealed record SummaryRow(string CustomerId, long X, double Tx, double T, long SpendPurchases, double SpendMean, long HoldoutPurchases);

    /// <summary>The SELECT of (customer_id, p_alive) of every row of lifetime_summary under <paramref name="model"/>.</summary>
    internal static string AliveQuery(BgNbdModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string L(double value) => $"'{value.ToString("R", CultureInfo.InvariantCulture)}'::double precision";
        // 1 / (1 + a / (b + x - 1) * exp((r + x) * (ln(alpha + T) - ln(alpha + t_x)))), 1 for a customer without repeat purchases.
        return $"""
            SELECT customer_id,
                   CASE WHEN x = 0 THEN 1::double precision
                        ELSE 1 / (1 + {L(model.A)} / ({L(model.B)} + x - 1) * exp(({L(model.R)} + x) * (ln({L(model.Alpha)} + t) - ln({L(model.Alpha)} + t_x))))
                   END AS p_alive
            FROM lifetime_summary
            """;
    }
}
