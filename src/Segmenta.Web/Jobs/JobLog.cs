using System.Text.Json;

namespace Segmenta.Web.Jobs;

/// <summary>
/// The job records of one database, kept in runs/jobs.json next to it (a small file: the server reads it once at start
/// and rewrites it, whole and atomically, when a job changes state), with the step count of the last job of each kind.
/// </summary>
internal sealed class JobLog(string databasePath)
{
    internal const string InterruptedMessage = "The server stopped before this job finished; nothing it did was published. Start it again.";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _gate = new();

    internal string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(databasePath)!, "runs", "jobs.json");

    /// <summary>Where a job keeps the database as it was before its writes, until it publishes (runs/ID.before.duckdb).</summary>
    internal static string BackupPath(string databasePath, string jobId) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(databasePath)!, "runs", jobId + ".before.duckdb");

    /// <summary>
    /// At start, before the database is opened: a job the previous server left queued or running (it was killed) is
    /// recorded as interrupted, and its writes are undone from the copy it took before them.
    /// </summary>
    internal static void Recover(string databasePath)
    {
        var log = new JobLog(databasePath);
        var (jobs, steps) = log.Load();
        foreach (var job in jobs.Where(j => j.State == JobState.Interrupted))
        {
            Backup.Find(databasePath, job.Id)?.Restore();
        }
        log.Save(jobs, steps);
    }

    /// <summary>The saved records (jobs left queued or running become interrupted) and step counts; empty when there are none or the file is unreadable.</summary>
    internal (List<JobStatus> Jobs, Dictionary<string, int> Steps) Load()
    {
        try
        {
            if (!File.Exists(Path))
            {
                return ([], []);
            }
            var saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(Path), Json);
            var jobs = (saved?.Jobs ?? []).Select(j => j.State is JobState.Queued or JobState.Running
                ? j with { State = JobState.Interrupted, Progress = null, Step = null, Message = InterruptedMessage }
                : j).ToList();
            return (jobs, saved?.Steps ?? []);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            // Job records are a convenience: an unreadable file starts an empty list (and is rewritten).
            return ([], []);
        }
    }

    internal void Save(IReadOnlyList<JobStatus> jobs, Dictionary<string, int> steps)
    {
        var text = JsonSerializer.Serialize(new Saved(jobs, steps), Json);
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = Path + ".tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, Path, overwrite: true);
        }
    }

    private sealed record Saved(IReadOnlyList<JobStatus> Jobs, Dictionary<string, int> Steps);
}
