using Segmenta.Features;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Customer features and RFM scores on PostgreSQL, with the PostgreSQL variants of the Features SQL: the server
/// aggregates the lines to one row per customer in its table customers; nothing line-level leaves it.
/// </summary>
internal static class PostgresFeatures
{
    /// <summary>Rebuilds customer_features and customers on the server; returns the as-of date used and the partial-month note.</summary>
    internal static (DateOnly AsOf, string? PartialMonth) Compute(PostgresDatabase database, FeatureOptions options, bool amountsKnown)
    {
        // Each partition's maximum on its shard (Postgres/PostgresLayout.EachPart), not every line's date on the coordinator.
        var lastDate = PostgresLayout.EachPart(database, "raw_lines", "SELECT max(invoice_date) AS last_date FROM {table}");
        var asOf = options.AsOf ?? DateOnly.FromDateTime(database.Scalar<DateTime?>($"SELECT max(last_date) FROM ({lastDate}) parts")
            ?? throw new SegmentaException("The PostgreSQL source holds no lines: check --table or give a file.")).AddDays(1);
        database.Execute($"SET segmenta.as_of = '{asOf:yyyy-MM-dd}'");
        database.Execute($"SET segmenta.amounts_known = '{(amountsKnown ? "true" : "false")}'");
        var dialect = SqlDialect.Postgres;
        database.Execute(dialect.Script("Features/customer_features.sql"));
        database.Execute("DROP TABLE IF EXISTS rfm_segment_map; CREATE TEMP TABLE rfm_segment_map (segment TEXT, r_min INTEGER, r_max INTEGER, fm_min INTEGER, fm_max INTEGER)");
        foreach (var rule in RfmSegmentRule.Default)
        {
            database.Execute("INSERT INTO rfm_segment_map VALUES (@s, @a, @b, @c, @d)",
                ("s", rule.Segment), ("a", rule.RMin), ("b", rule.RMax), ("c", rule.FmMin), ("d", rule.FmMax));
        }
        database.Execute(dialect.Script("Features/rfm_scores.sql"));
        var partial = amountsKnown && asOf.Day != 1
            && database.Scalar<long>(
                $"SELECT sum(lines)::bigint FROM ({PostgresLayout.EachPart(database, "clean_lines", "SELECT count(*) AS lines FROM {table} WHERE invoice_date >= @month")}) parts",
                ("month", new DateTime(asOf.Year, asOf.Month, 1, 0, 0, 0, DateTimeKind.Unspecified))) > 0
            ? CustomerFeatures.PartialMonthNote(asOf)
            : null;
        return (asOf, partial);
    }
}
