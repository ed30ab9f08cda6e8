using Segmenta.Store;

namespace Segmenta.Web;

/// <summary>
/// The one open database of the app. Requests read through their own duplicated connection; runs that rewrite
/// results take the write lock so that no request ever sees a half-written result.
/// </summary>
public sealed class StoreAccess(string path) : IDisposable
{
    private readonly SegmentaStore _store = OpenExisting(path);
    private readonly ReaderWriterLockSlim _gate = new();
    // Opening a DuckDB connection costs more than a point lookup, so read connections are pooled and reused.
    private readonly System.Collections.Concurrent.ConcurrentBag<SegmentaStore> _readers = [];

    private long _version;

    /// <summary>The database file.</summary>
    public string DatabasePath => _store.Path;

    /// <summary>Changes after every write, so caches of stored results know when to rebuild.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Runs a read against the store.</summary>
    public T Read<T>(Func<SegmentaStore, T> read)
    {
        _gate.EnterReadLock();
        try
        {
            var connection = _readers.TryTake(out var pooled) ? pooled : _store.Duplicate();
            try
            {
                return read(connection);
            }
            finally
            {
                _readers.Add(connection);
            }
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>Runs a write (a re-run) alone: one at a time, with no reads in between.</summary>
    public T Write<T>(Func<SegmentaStore, T> write)
    {
        _gate.EnterWriteLock();
        try
        {
            return write(_store);
        }
        finally
        {
            Interlocked.Increment(ref _version);
            _gate.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
        _store.Dispose();
        _gate.Dispose();
    }

    private static SegmentaStore OpenExisting(string path)
    {
        if (!File.Exists(path))
        {
            throw new SegmentaException($"No database at {path}. Run segmenta analyze FILE --out DIR first, or give --db.");
        }
        return SegmentaStore.Open(path);
    }
}
