using System.Globalization;
using System.Text.RegularExpressions;

namespace Segmenta.Store;

/// <summary>
/// DuckDB's memory limit and spill folder, set when a store opens, so that a join or sort bigger than memory spills
/// to disk instead of failing. The limit is a third of the memory the process may use (container limits included),
/// leaving the rest to the customer-level work in C# (<see cref="DefaultMemoryLimit"/>); <c>SEGMENTA_MEMORY_LIMIT</c> (e.g. <c>4GB</c>) overrides it.
/// The spill folder is <c>DATABASE.tmp</c> beside the database file (DuckDB removes what it spilled when done), or
/// <c>SEGMENTA_TEMP_DIR</c>. What may be spilled is capped at half the free space of that folder's disk when the store
/// opens (<c>SEGMENTA_TEMP_LIMIT</c> overrides it): DuckDB's own default, 90 % of the free space, let one 100M-line run
/// fill a shared disk and break every other program writing to it; at the cap the statement fails with DuckDB's
/// "max_temp_directory_size" error, which <see cref="EngineErrors"/> tells with what to do.
/// </summary>
internal static partial class EngineLimits
{
    internal const string Variable = "SEGMENTA_MEMORY_LIMIT";

    internal const string ThreadsVariable = "SEGMENTA_THREADS";

    internal const string TempDirectoryVariable = "SEGMENTA_TEMP_DIR";

    internal const string TempLimitVariable = "SEGMENTA_TEMP_LIMIT";

    internal static void Apply(SegmentaStore store)
    {
        var folder = TempDirectory(store.Path, Environment.GetEnvironmentVariable(TempDirectoryVariable));
        var limit = TempLimit(Environment.GetEnvironmentVariable(TempLimitVariable), folder);
        var quoted = folder.Replace("'", "''", StringComparison.Ordinal);
        var memory = MemoryLimit();
        store.Execute($"SET memory_limit = '{memory}'; SET temp_directory = '{quoted}'; SET max_temp_directory_size = '{limit}';");
        InForceByPath[store.Path] = memory;
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

    /// <summary>The spill folder: <c>SEGMENTA_TEMP_DIR</c> when given (made absolute), else <c>DATABASE.tmp</c>.</summary>
    internal static string TempDirectory(string databasePath, string? asked) =>
        string.IsNullOrWhiteSpace(asked) ? databasePath + ".tmp" : Path.GetFullPath(asked.Trim());

    /// <summary>
    /// The most DuckDB may spill, as DuckDB reads it: <paramref name="asked"/> (<c>SEGMENTA_TEMP_LIMIT</c>, e.g. "20GB")
    /// or half the free space of the disk that holds <paramref name="folder"/> (its nearest existing parent).
    /// </summary>
    internal static string TempLimit(string? asked, string folder)
    {
        if (!string.IsNullOrWhiteSpace(asked))
        {
            return Checked(asked, TempLimitVariable, "disk size", "20GB");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, FreeBytes(folder) / 2 / 1048576)}MB");
    }

    private static long FreeBytes(string folder)
    {
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing) ?? Path.GetPathRoot(Path.GetFullPath(folder))!;
        }
        // On Unix a DriveInfo of any path asks statvfs about the file system holding it.
        return new DriveInfo(existing).AvailableFreeSpace;
    }

    /// <summary>The limit as DuckDB reads it ("4GB", "8000MiB").</summary>
    internal static string MemoryLimit()
    {
        var asked = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(asked))
        {
            return Checked(asked, Variable, "memory size", "4GB");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{DefaultMemoryLimit(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) >> 20}MiB");
    }

    /// <summary>
    /// The default limit for a process that may use <paramref name="available"/> bytes: a third of it, at least 256 MB.
    /// The customer-level work in C# comes on top of DuckDB's share (at 100M lines recommending's purchase log and fits
    /// take about 6 GB beside DuckDB's lowered 2 GB), so a 24 GB machine runs 100M lines within half its memory.
    /// </summary>
    internal static long DefaultMemoryLimit(long available) => Math.Max(256L << 20, available / 3);

    /// <summary>
    /// DuckDB's limit while the customer-level steps run (those after the customer features, which run beside each
    /// other and beside recommending's arrays in C#): half the store's limit, at least 1 GiB, until disposed. Set while
    /// no query runs, it always takes hold: DuckDB evicts the blocks the line-level steps left cached above it and hands
    /// its allocator's freed memory back (at 100M lines 8 GB of the process's 9.2 GB after the features, session 14).
    /// When it cannot (a host's query beside), the limit stays.
    /// </summary>
    internal static IDisposable CustomerSteps(SegmentaStore store)
    {
        var limit = InForce(store);
        TrySet(store, Share(limit, 2, 1L << 30));
        return new LimitScope(store, limit);
    }

    /// <summary>
    /// The limit a step set for the store's database (its text as set: DuckDB shows it rounded to a tenth), to set back
    /// after a lower one for a while (<c>EngineMemoryLease</c>); the store's own limit when none was set. DuckDB.NET shares
    /// one database, and so one limit, between the connections to a file in a process.
    /// </summary>
    internal static string InForce(SegmentaStore store) => InForceByPath.TryGetValue(store.Path, out var limit) ? limit : MemoryLimit();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> InForceByPath = new(StringComparer.Ordinal);

    private static void TrySet(SegmentaStore store, string limit)
    {
        try
        {
            store.Execute($"SET memory_limit = '{limit}'");
            InForceByPath[store.Path] = limit;
        }
        catch (DuckDB.NET.Data.DuckDBException)
        {
            // Queries beside hold more than the lower limit: DuckDB keeps the one in force.
        }
    }

    private sealed class LimitScope(SegmentaStore store, string limit) : IDisposable
    {
        public void Dispose() => TrySet(store, limit);
    }

    /// <summary>
    /// A share of the limit <paramref name="limit"/> (as DuckDB reads it: "8GB", "9830MB", "4GiB"): a
    /// <paramref name="divisor"/>-th of it, at least <paramref name="floor"/> bytes and at most the limit; a text that is
    /// not such a size is given back as it is.
    /// </summary>
    internal static string Share(string limit, long divisor, long floor)
    {
        var match = SizeParts().Match(limit.Trim());
        if (!match.Success)
        {
            return limit;
        }
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "GB" => 1e9,
            "MB" => 1e6,
            "GIB" => 1L << 30,
            _ => 1L << 20,
        };
        var bytes = (long)(number * unit);
        var share = Math.Min(bytes, Math.Max(floor, bytes / divisor));
        return string.Create(CultureInfo.InvariantCulture, $"{share >> 20}MiB");
    }

    private static string Checked(string asked, string variable, string what, string example)
    {
        var trimmed = asked.Trim();
        if (!Size().IsMatch(trimmed))
        {
            throw new SegmentaException($"{variable}={trimmed} is not a {what}. Use a number with MB or GB, e.g. {variable}={example}.");
        }
        return trimmed.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\d+(\.\d+)?\s*(MB|GB|MiB|GiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex Size();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(MB|GB|MiB|GiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex SizeParts();
}
