using System.Globalization;
using System.Text.RegularExpressions;
using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>
/// DuckDB's share of the memory while the recommenders work in C#. Up to its memory limit DuckDB keeps the blocks of
/// tables that earlier steps read, and its allocator (jemalloc) keeps the memory of finished queries instead of handing
/// it back: at 100M lines ≈ 8 GB that the C# side of recommending came on top of (14.05 GB peak, session 9). Setting
/// the limit makes DuckDB evict cached blocks above it and flush its allocator (measured on the 10M store: 1,186 MB
/// resident after a 1.2 GB query whose tables were dropped, 231 MB once the limit was set). So the stage lowers the
/// limit to a quarter (at least <see cref="Floor"/>) while it computes — DuckDB spills instead where it needs more,
/// beside it or in the purchases' sort — and sets the store's limit back before it writes its tables.
/// </summary>
internal sealed partial class EngineMemoryLease : IDisposable
{
    /// <summary>The least the lowered limit is: 1 GiB.</summary>
    public const long Floor = 1L << 30;

    private readonly SegmentaStore _store;
    private readonly string _limit;
    private bool _disposed;

    private EngineMemoryLease(SegmentaStore store, string limit) => (_store, _limit) = (store, limit);

    /// <summary>The lowered limit for a store limit of <paramref name="limit"/> (as DuckDB reads it: "8GB", "9830MB", "4GiB").</summary>
    internal static string Lowered(string limit)
    {
        var match = Size().Match(limit.Trim());
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
        var lowered = Math.Min(bytes, Math.Max(Floor, bytes / 4));
        return string.Create(CultureInfo.InvariantCulture, $"{lowered >> 20}MiB");
    }

    /// <summary>Lowers DuckDB's limit until disposed; when DuckDB cannot free enough at once (a query beside it holds the memory), it only flushes its allocator.</summary>
    public static EngineMemoryLease Lower(SegmentaStore store)
    {
        var lease = new EngineMemoryLease(store, EngineLimits.MemoryLimit());
        lease.LowerAgain();
        return lease;
    }

    /// <summary>
    /// Sets the lowered limit again: after the purchase log is read, DuckDB's allocator still holds the memory of its
    /// sort, and a step beside (the report's drawing) may have kept the first lowering from taking hold.
    /// </summary>
    public void LowerAgain()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _store.Execute($"SET memory_limit = '{Lowered(_limit)}'");
        }
        catch (DuckDB.NET.Data.DuckDBException)
        {
            _store.Execute($"SET memory_limit = '{_limit}'");
        }
    }

    /// <summary>Sets the store's limit back (and flushes the allocator again).</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _store.Execute($"SET memory_limit = '{_limit}'");
        }
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(MB|GB|MiB|GiB)$", RegexOptions.IgnoreCase)]
    private static partial Regex Size();
}
