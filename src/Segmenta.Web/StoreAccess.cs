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

    /// <summary>Runs a read against the store.</summary>
    public T Read<T>(Func<SegmentaStore, T> read)
    {
        _gate.EnterReadLock();
        try
        {
            using var connection = _store.Duplicate();
            return read(connection);
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
            _gate.ExitWriteLock();
        }
    }

    public void Dispose()
    {
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
