using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Features;

/// <summary>Computes one row per customer (RFM and behaviour features, RFM scores and segment) inside the store.</summary>
public static class CustomerFeatures
{
    /// <summary>Rebuilds customer_features and customers from clean_lines and returns.</summary>
    public static FeatureSummary Compute(SegmentaStore store, FeatureOptions options)
    {
        var asOf = options.AsOf ?? DefaultAsOf(store);
        store.Execute("SET VARIABLE as_of = $d::DATE", ("d", asOf.ToDateTime(TimeOnly.MinValue)));
        var amountNote = LoadedAmounts.NoteFor(store);
        store.Execute($"SET VARIABLE amounts_known = {(amountNote is null ? "true" : "false")}");
        store.Execute(SqlScripts.Get("Features/customer_features.sql"));
        store.Execute("CREATE OR REPLACE TEMP TABLE rfm_segment_map (segment VARCHAR, r_min INTEGER, r_max INTEGER, fm_min INTEGER, fm_max INTEGER)");
        store.InsertRows("rfm_segment_map",
            [.. RfmSegmentRule.Default.Select(rule => new object?[] { rule.Segment, rule.RMin, rule.RMax, rule.FmMin, rule.FmMax })]);
        store.Execute(SqlScripts.Get("Features/rfm_scores.sql"));

        var partial = amountNote is null ? PartialMonth(store, asOf) : null;
        return Summarize(store, asOf, amountNote, ImportedRoles.PerImport(store), partial);
    }

    /// <summary>
    /// The summary of the store's customers table, wherever it was computed: <paramref name="roles"/> are the roles of
    /// each import (for the notes on missing columns), <paramref name="partialMonth"/> the note on a partial last month.
    /// </summary>
    internal static FeatureSummary Summarize(SegmentaStore store, DateOnly asOf, string? amountNote, IReadOnlyList<IReadOnlySet<ColumnRole>> roles, string? partialMonth)
    {
        var (customers, recency, frequency, monetary) = store.Query(
            // Monetary holds the double nearest to an exact 4-place decimal: converting back restores it, so the sum is exact.
            "SELECT count(*), coalesce(sum(recency), 0)::BIGINT, coalesce(sum(frequency), 0)::BIGINT, sum(monetary::DECIMAL(38,4))::DOUBLE FROM customers",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? (amountNote is null ? 0 : double.NaN) : r.GetDouble(3)))[0];
        var segments = store.Query(
            "SELECT rfm_segment, count(*), sum(monetary::DECIMAL(38,4))::DOUBLE FROM customers GROUP BY rfm_segment ORDER BY count(*) DESC, rfm_segment",
            r => (r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? double.NaN : r.GetDouble(2)));
        var notes = MissingRoleNotes(roles);
        if (amountNote is not null)
        {
            notes.Insert(0, "No amount: Monetary, AverageOrderValue, ReturnsValue, RefundsValue, ReturnRate, AverageMonthlySpend and SpendTrend are empty; RFM segments use R and F only (FM = F).");
        }
        if (partialMonth is not null)
        {
            notes.Add(partialMonth);
        }
        return new FeatureSummary(customers, asOf, recency, frequency, monetary, segments, notes);
    }

    /// <summary>The day after the last invoice date of the store's lines: the as-of date when none is given.</summary>
    internal static DateOnly DefaultAsOf(SegmentaStore store)
    {
        var last = store.Scalar<DateTime?>("SELECT max(invoice_date) FROM raw_lines")
            ?? throw new SegmentaException("The store holds no lines: import a file first.");
        return DateOnly.FromDateTime(last).AddDays(1);
    }

    /// <summary>The month of the as-of date is observed only in part: said once, as it is left out of the monthly features.</summary>
    private static string? PartialMonth(SegmentaStore store, DateOnly asOf) =>
        asOf.Day == 1 || store.Scalar<long>("SELECT count(*) FROM clean_lines WHERE invoice_date >= date_trunc('month', $d::DATE)", ("d", asOf.ToDateTime(TimeOnly.MinValue))) == 0
            ? null
            : PartialMonthNote(asOf);

    /// <summary>The note for an as-of date whose month has lines before it (any engine counts them).</summary>
    internal static string PartialMonthNote(DateOnly asOf)
    {
        var days = DateTime.DaysInMonth(asOf.Year, asOf.Month);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{asOf:MMMM yyyy} is partial ({asOf.Day - 1} of {days} days before the as-of date): left out of AverageMonthlySpend and SpendTrend.");
    }

    private static List<string> MissingRoleNotes(IReadOnlyList<IReadOnlySet<ColumnRole>> roles)
    {
        bool Everywhere(ColumnRole role) => roles.Count > 0 && roles.All(set => set.Contains(role));
        var notes = new List<string>();
        if (!Everywhere(ColumnRole.Invoice))
        {
            notes.Add("No invoice column: each customer-day counts as one order; cancellations are recognised by negative quantities only.");
        }
        if (!Everywhere(ColumnRole.Product) && !Everywhere(ColumnRole.Description))
        {
            notes.Add("No product column: DistinctProducts is empty, returns cannot be matched to purchases, and the non-product rule does nothing. Map one with --map product=COLUMN.");
        }
        if (!Everywhere(ColumnRole.Quantity))
        {
            notes.Add("No quantity column: ItemsBought is empty. Map one with --map quantity=COLUMN.");
        }
        if (!Everywhere(ColumnRole.Country))
        {
            notes.Add("No country column: MainCountry is empty. Map one with --map country=COLUMN.");
        }
        return notes;
    }
}
