using Segmenta.Store;

namespace Segmenta.Loading;

/// <summary>
/// Whether the loaded lines carry money. A file of customer and date (perhaps product) has no amount: its lines are
/// stored with amount NULL (unknown, not free) and every money-based analysis is skipped, said once with <see cref="Note"/>.
/// The one place later stages ask.
/// </summary>
internal static class LoadedAmounts
{
    /// <summary>The line users see, in the terminal, the report and the CSV notes.</summary>
    internal const string Note = "No amount in this file: money-based analyses skipped (Monetary, average order value, revenue, spend and price analyses, "
        + "the CLV spend model). Frequency, recency, cohorts and counts are computed. If a column holds the amount, map it with --map total=COLUMN "
        + "(or --map quantity=COLUMN --map price=COLUMN).";

    /// <summary>Loaded lines without an amount.</summary>
    internal static long Missing(SegmentaStore store) =>
        ServerLineFacts.Elsewhere(store) ? ServerLineFacts.Amounts(store).WithoutAmount : store.Scalar<long>("SELECT count(*) FROM raw_lines WHERE amount IS NULL");

    /// <summary>True when every loaded line has an amount (money-based analyses are meaningful).</summary>
    internal static bool Known(SegmentaStore store) => Missing(store) == 0;

    /// <summary>The note for the store: null when money is known; <see cref="Note"/>, or how many lines lack an amount when only some do.</summary>
    internal static string? NoteFor(SegmentaStore store)
    {
        var missing = Missing(store);
        if (missing == 0)
        {
            return null;
        }
        var total = ServerLineFacts.Elsewhere(store) ? ServerLineFacts.Amounts(store).Lines : store.Scalar<long>("SELECT count(*) FROM raw_lines");
        return missing == total
            ? Note
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{missing:N0} of {total:N0} loaded lines (from a file with no amount) have no amount: money-based analyses skipped for the whole store. Analyse files without amounts in a database of their own (--db).");
    }
}
