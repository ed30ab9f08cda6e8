using System.Globalization;
using System.Text.RegularExpressions;

namespace Segmenta.Store;

/// <summary>
/// DuckDB's memory limit and spill folder, set when a store opens, so that a join or sort bigger than memory spills
/// to disk instead of failing. The limit is 60 % of the memory the process may use (container limits included),
/// leaving the rest to the customer-level work in C#; <c>SEGMENTA_MEMORY_LIMIT</c> (e.g. <c>4GB</c>) overrides it.
/// The spill folder is <c>DATABASE.tmp</c> beside the database file (DuckDB removes what it spilled when done).
/// </summary>
internal static partial class EngineLimits
{
    internal const string Variable = "SEGMENTA_MEMORY_LIMIT";

    internal const string ThreadsVariable = "SEGMENTA_THREADS";

    internal static void Apply(SegmentaStore store)
    {
        var temp = (store.Path + ".tmp").Replace("'", "''", StringComparison.Ordinal);
        store.Execute($"SET memory_limit = '{MemoryLimit()}'; SET temp_directory = '{temp}';");
        if (Threads(Environment.GetEnvironmentVariable(ThreadsVariable)) is { } threads)
        {
            store.Execute(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
        }
    }

    /// <summary>
    /// <c>SEGMENTA_THREADS</c>: DuckDB's thread count (default: one per core). For measurements: DuckDB 1.5's calling
    /// thread busy-polls while workers hold every task (duckdb/duckdb#22178), so on few shared cores fewer threads can cost less CPU.
    /// </summary>
    internal static int? Threads(string? value)
    {
        var asked = value?.Trim();
        if (string.IsNullOrEmpty(asked))
        {
            return null;
        }
        if (!int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var threads) || threads < 1)
        {
            throw new SegmentaException($"{ThreadsVariable}={asked} is not a thread count. Use a whole number of at least 1, e.g. {ThreadsVariable}=2.");
        }
        return threads;
    }

    /// <summary>The limit as DuckDB reads it ("4GB", "9830MB").</summary>
    internal static string MemoryLimit()
    {
        var asked = Environment.GetEnvironmentVariable(Variable)?.Trim();
        if (!string.IsNullOrEmpty(asked))
        {
            if (!Size().IsMatch(asked))
            {
                throw new SegmentaException($"{Variable}={asked} is not a memory size. Use a number with MB or GB, e.g. {Variable}=4GB.");
            }
            return asked.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        }
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(256, available * 6 / 10 / 1048576)}MB");
    }

    [GeneratedRegex(@"^\d+(\.\d+)?\s*(MB|GB|MiB|GiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex Size();
}
