namespace Segmenta.Web.Jobs;

/// <summary>
/// A copy of the database (and its write-ahead log) taken before a job writes, put back if the job stops before
/// publishing (cancelled, failed, or the server stopped), so that a half-done job never reaches the next snapshot.
/// </summary>
internal sealed class Backup
{
    private readonly string _database;
    private readonly string _copy;

    private Backup(string database, string copy)
    {
        _database = database;
        _copy = copy;
    }

    internal static Backup Take(string databasePath, string jobId)
    {
        var copy = JobLog.BackupPath(databasePath, jobId);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(databasePath, copy, overwrite: true);
        if (File.Exists(databasePath + ".wal"))
        {
            File.Copy(databasePath + ".wal", copy + ".wal", overwrite: true);
        }
        return new Backup(databasePath, copy);
    }

    /// <summary>The copy a job of an earlier process left, or null.</summary>
    internal static Backup? Find(string databasePath, string jobId) =>
        File.Exists(JobLog.BackupPath(databasePath, jobId)) ? new Backup(databasePath, JobLog.BackupPath(databasePath, jobId)) : null;

    /// <summary>Puts the database back as it was (the job's connections are closed by then) and removes the copy.</summary>
    internal void Restore()
    {
        File.Copy(_copy, _database, overwrite: true);
        File.Delete(_database + ".wal");
        if (File.Exists(_copy + ".wal"))
        {
            File.Copy(_copy + ".wal", _database + ".wal");
        }
        Discard();
    }

    /// <summary>Removes the copy (the job published its results).</summary>
    internal void Discard()
    {
        File.Delete(_copy);
        File.Delete(_copy + ".wal");
    }
}
