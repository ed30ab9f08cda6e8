using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>
/// DuckDB's share of the memory while the recommenders work in C#. Up to its memory limit DuckDB keeps the blocks of
/// tables that earlier steps read, and its allocator (jemalloc) keeps the memory of finished queries instead of handing
/// it back: at 100M lines ≈ 8 GB that the C# side of recommending came on top of (14.05 GB peak, session 9). Setting
/// the limit makes DuckDB evict cached blocks above it and flush its allocator (measured on the 10M store: 1,186 MB
/// resident after a 1.2 GB query whose tables were dropped, 231 MB once the limit was set). So the stage lowers the
/// limit to a quarter (at least <see cref="Floor"/>) while it computes — DuckDB spills instead where it needs more,
/// beside it or in the purchases' sort — and sets the limit in force before it back before it writes its tables.
/// </summary>
internal sealed class EngineMemoryLease : IDisposable
{
    /// <summary>The least the lowered limit is: 1 GiB.</summary>
    public const long Floor = 1L << 30;

    private readonly SegmentaStore _store;
    private readonly string _lowered;
    private readonly string _limit;
    private readonly ManualResetEventSlim _stop = new();
    private Thread? _retry;
    private bool _disposed;

    internal EngineMemoryLease(SegmentaStore store, string lowered, string limit) => (_store, _lowered, _limit) = (store, lowered, limit);

    /// <summary>The lowered limit for a store limit of <paramref name="limit"/> (as DuckDB reads it: "8GB", "9830MB", "4GiB").</summary>
    internal static string Lowered(string limit) => EngineLimits.Share(limit, 4, Floor);

    /// <summary>
    /// Lowers DuckDB's limit until disposed, then sets back the limit in force before (the pipeline's share for the
    /// customer-level steps, <see cref="EngineLimits.CustomerSteps"/>); when DuckDB cannot free enough at once (a query
    /// beside it holds the memory), it only flushes its allocator.
    /// </summary>
    public static EngineMemoryLease Lower(SegmentaStore store)
    {
        var lease = new EngineMemoryLease(store, Lowered(EngineLimits.MemoryLimit()), EngineLimits.InForce(store));
        lease.LowerAgain();
        return lease;
    }

    /// <summary>
    /// Sets the lowered limit again: after the purchase log is read, DuckDB's allocator still holds the memory of its
    /// sort, and a step beside (the report's drawing) may have kept the first lowering from taking hold. When it cannot
    /// take hold now, DuckDB's allocator is flushed and a thread of the lease tries again every half second on a
    /// connection of its own until it does (the steps beside end) or the lease ends: else DuckDB keeps its whole limit
    /// under the evaluation's arrays (at 100M lines about 8 GB of heap; decision 83).
    /// </summary>
    public void LowerAgain()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!TrySet(_store, _lowered))
        {
            TrySet(_store, _limit);
            RetryBeside();
        }
    }

    /// <summary>Whether the lowered limit took hold (false while it is being tried again beside).</summary>
    internal bool Holds => _retry is not { IsAlive: true };

    private void RetryBeside()
    {
        if (_retry is { IsAlive: true })
        {
            return;
        }
        var connection = _store.Duplicate();
        _retry = new Thread(() =>
        {
            using (connection)
            {
                while (!_stop.Wait(500) && !TrySet(connection, _lowered))
                {
                }
            }
        })
        { IsBackground = true, Name = "Segmenta memory lease" };
        _retry.Start();
    }

    private static bool TrySet(SegmentaStore store, string limit)
    {
        try
        {
            store.Execute($"SET memory_limit = '{limit}'");
            return true;
        }
        catch (DuckDB.NET.Data.DuckDBException)
        {
            return false;
        }
    }

    /// <summary>Sets the limit in force before the lease back (and flushes the allocator again).</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _stop.Set();
            _retry?.Join();
            _stop.Dispose();
            _store.Execute($"SET memory_limit = '{_limit}'");
        }
    }
}
