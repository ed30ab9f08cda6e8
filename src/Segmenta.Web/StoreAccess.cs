using Segmenta.Store;

namespace Segmenta.Web;

/// <summary>
/// The database of the app, read through snapshots. Requests read a private copy of the last complete database (a
/// "snapshot"); jobs (re-runs, uploads) write the user's database file alone, then <see cref="Publish"/> copies it
/// into a new snapshot and swaps it in. So a write never blocks a read and no request sees a half-written result;
/// an old snapshot is closed and deleted when its last reader is done.
/// </summary>
public sealed class StoreAccess : IDisposable
{
    private readonly Lock _gate = new();
    private readonly string _snapshotFolder = Path.Combine(Path.GetTempPath(), $"segmenta-web-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private Snapshot _current;
    private long _version;
    private bool _disposed;

    private readonly bool _keepReads;

    /// <summary>Opens a snapshot of the database at <paramref name="path"/>.</summary>
    /// <param name="path">The user's database.</param>
    /// <param name="keepReads">False turns <see cref="Cached"/> into a plain read (for side-by-side benchmarks: the "read-cache" setting).</param>
    public StoreAccess(string path, bool keepReads = true)
    {
        _keepReads = keepReads;
        var full = Path.GetFullPath(path);
        SegmentaStore.RequireExisting(path);
        DatabasePath = full;
        // The user's file may come from an older version: open it once (which upgrades its imported lines) before the
        // first copy, and refuse analysis tables another version wrote, saying how to rebuild them.
        using (var store = SegmentaStore.Open(full))
        {
            AnalysisSchema.RequireCurrent(store, path);
        }
        _current = TakeSnapshot();
    }

    /// <summary>The user's database file (written by jobs only).</summary>
    public string DatabasePath { get; }

    /// <summary>Changes after every published write, so caches of stored results know when to rebuild.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>
    /// Told of each new snapshot and the version it will have, before it is swapped in, so caches can be rebuilt
    /// from it while requests are still served from the previous one.
    /// </summary>
    public event Action<SegmentaStore, long>? Preparing;

    /// <summary>Runs a read against the last complete snapshot.</summary>
    public T Read<T>(Func<SegmentaStore, T> read)
    {
        var snapshot = Enter();
        try
        {
            return ReadFrom(snapshot, read);
        }
        finally
        {
            Release(snapshot);
        }
    }

    /// <summary>
    /// A read whose result is kept with the snapshot it came from, under <paramref name="key"/>: a snapshot never
    /// changes, so the same read returns the kept result until the next one is published (no query, no waiting for a
    /// CPU that a running job keeps busy). Keys must name the read fully (its parameters included) and come from a
    /// bounded set; results must be immutable.
    /// </summary>
    public T Cached<T>(string key, Func<SegmentaStore, T> read)
    {
        if (!_keepReads)
        {
            return Read(read);
        }
        var snapshot = Enter();
        try
        {
            if (snapshot.Memo.TryGetValue(key, out var kept))
            {
                return (T)kept!;
            }
            var value = ReadFrom(snapshot, read);
            if (snapshot.Memo.Count < MemoLimit)
            {
                snapshot.Memo.TryAdd(key, value);
            }
            return value;
        }
        finally
        {
            Release(snapshot);
        }
    }

    private const int MemoLimit = 100_000;

    private Snapshot Enter()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _current.Users++;
            return _current;
        }
    }

    private static T ReadFrom<T>(Snapshot snapshot, Func<SegmentaStore, T> read)
    {
        var connection = snapshot.Readers.TryTake(out var pooled) ? pooled : snapshot.Store.Duplicate();
        try
        {
            return read(connection);
        }
        finally
        {
            snapshot.Readers.Add(connection);
        }
    }

    /// <summary>
    /// Copies the database file (closed by the job that wrote it) into a new snapshot and serves it from now on.
    /// Call only from the job queue, which runs one write at a time.
    /// </summary>
    public void Publish()
    {
        var next = TakeSnapshot();
        if (Preparing is { } prepare)
        {
            var reader = next.Store.Duplicate();
            try
            {
                prepare(reader, Version + 1);
            }
            finally
            {
                next.Readers.Add(reader);
            }
        }
        Snapshot previous;
        lock (_gate)
        {
            if (_disposed)
            {
                next.Close();
                return;
            }
            previous = _current;
            _current = next;
            Interlocked.Increment(ref _version);
            previous.Retired = true;
        }
        Release(previous, alreadyCounted: false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Snapshot current;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            current = _current;
            current.Retired = true;
        }
        Release(current, alreadyCounted: false);
        try
        {
            Directory.Delete(_snapshotFolder, recursive: true);
        }
        catch (IOException)
        {
            // A snapshot still read by a late request is deleted with its last reader.
        }
    }

    private void Release(Snapshot snapshot, bool alreadyCounted = true)
    {
        bool close;
        lock (_gate)
        {
            if (alreadyCounted)
            {
                snapshot.Users--;
            }
            close = snapshot.Retired && snapshot.Users == 0 && !snapshot.Closed;
            snapshot.Closed |= close;
        }
        if (close)
        {
            snapshot.Close();
        }
    }

    private Snapshot TakeSnapshot()
    {
        Directory.CreateDirectory(_snapshotFolder);
        var path = Path.Combine(_snapshotFolder, $"snapshot-{Interlocked.Read(ref _version) + 1}-{Guid.NewGuid():N}.duckdb");
        File.Copy(DatabasePath, path);
        if (File.Exists(DatabasePath + ".wal"))
        {
            File.Copy(DatabasePath + ".wal", path + ".wal");
        }
        return new Snapshot(SegmentaStore.Open(path));
    }

    private sealed class Snapshot(SegmentaStore store)
    {
        public SegmentaStore Store { get; } = store;

        // Opening a DuckDB connection costs more than a point lookup, so read connections are pooled and reused.
        public System.Collections.Concurrent.ConcurrentBag<SegmentaStore> Readers { get; } = [];

        // Results of Cached reads of this snapshot; dropped with it.
        public System.Collections.Concurrent.ConcurrentDictionary<string, object?> Memo { get; } = new(StringComparer.Ordinal);

        public int Users { get; set; }

        public bool Retired { get; set; }

        public bool Closed { get; set; }

        public void Close()
        {
            while (Readers.TryTake(out var reader))
            {
                reader.Dispose();
            }
            Store.Dispose();
            foreach (var file in new[] { Store.Path, Store.Path + ".wal" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Temporary files; the folder is removed on shutdown.
                }
            }
        }
    }
}
