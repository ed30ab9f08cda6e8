using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>
/// Checks a run's options before any file is read (so a typo fails in a second, not after the import), and the
/// options that depend on the data (k against the number of customers, the as-of date against the purchases) before
/// the stage that uses them.
/// </summary>
internal static class OptionChecks
{
    /// <summary>A k above this share of the customers leaves segments too small to act on: a note says so.</summary>
    private const int MinimumCustomersPerSegment = 10;

    internal static void BeforeImport(AnalysisOptions options)
    {
        options.Import.Validate();
        options.Cleaning.Validate();
        options.Exploration.Validate();
        options.Segmentation?.Validate();
        options.Recommendation?.Validate();
        PrepareFolder(options.OutputDirectory, "--out");
        if (options.DatabasePath is { } db)
        {
            PrepareFolder(Path.GetDirectoryName(Path.GetFullPath(db))!, "--db");
            if (Directory.Exists(db))
            {
                throw new SegmentaException($"--db {db} is a folder. Give the path of a database file, e.g. {Path.Combine(db, "segmenta.duckdb")}.");
            }
        }
    }

    /// <summary>Creates the folder, or fails in one line naming the option when it cannot be a writable folder.</summary>
    internal static void PrepareFolder(string path, string option)
    {
        if (File.Exists(path))
        {
            throw new SegmentaException($"{option} {path} is a file, not a folder. Give a folder for the results, e.g. {option} out.");
        }
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".segmenta-write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SegmentaException($"{option} {path}: cannot write there ({e.Message}). Give a folder you can write to.", e);
        }
    }

    /// <summary>The as-of date must not lie before the purchases it measures (recency would be negative).</summary>
    internal static void AsOf(SegmentaStore store, DateOnly? asOf)
    {
        if (asOf is not { } date)
        {
            return;
        }
        var (first, last) = ServerLineFacts.Elsewhere(store) ? ServerLineFacts.KeptDates(store) : store.Query("SELECT min(invoice_date), max(invoice_date) FROM clean_lines",
            r => (r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0), r.IsDBNull(1) ? (DateTime?)null : r.GetDateTime(1)))[0];
        if (first is null || last is null)
        {
            return;
        }
        var firstDay = DateOnly.FromDateTime(first.Value);
        var lastDay = DateOnly.FromDateTime(last.Value);
        if (date < firstDay)
        {
            throw new SegmentaException(
                $"--as-of {date:yyyy-MM-dd} is before the first purchase ({firstDay:yyyy-MM-dd}): every recency would be negative. "
                + $"Give a date on or after the last purchase ({lastDay:yyyy-MM-dd}), or leave --as-of out to use the day after it.");
        }
        if (date < lastDay)
        {
            throw new SegmentaException(
                $"--as-of {date:yyyy-MM-dd} is before the last purchase ({lastDay:yyyy-MM-dd}): --as-of does not cut the data, so customers who bought "
                + $"later would get a negative recency. Give a date on or after {lastDay:yyyy-MM-dd}, or remove the later lines from the file to look back in time.");
        }
    }

    /// <summary>A fixed k needs at least k customers; a note warns when segments would average fewer than 10 customers.</summary>
    internal static void K(SegmentationOptions? options, long customers, List<string> notes)
    {
        if (options is null || customers < SegmentationStage.MinimumCustomers)
        {
            return;
        }
        if (options.K is { } k && k > customers)
        {
            throw SegmentationOptions.Invalid(nameof(SegmentationOptions.K), $"{k}: there are only {customers} customers. Give a k of at most {customers}, or auto.");
        }
        if (options.K is null && options.MinK > customers)
        {
            throw SegmentationOptions.Invalid("KRange", $"{options.MinK}..{options.MaxK}: there are only {customers} customers. Give a range below {customers}, e.g. 2..{Math.Min(10, customers)}.");
        }
        if (options.K is { } large && large * MinimumCustomersPerSegment > customers)
        {
            notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"k = {large} on {customers} customers: about {(double)customers / large:0.#} customers per segment, too few to act on; consider letting k be chosen (auto)."));
        }
    }
}
