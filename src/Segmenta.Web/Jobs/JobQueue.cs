using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Segmenta.Web.Jobs;

/// <summary>
/// Runs the dashboard's writes (re-runs, uploads, recommendation refreshes) in the background, one at a time, on the
/// user's database; after each, <see cref="StoreAccess.Publish"/> swaps the new results in for readers. Each job gets
/// its own run folder for the files it writes, next to the database under runs/. A job can be cancelled; a job that
/// stops before publishing (cancelled, failed, interrupted by shutdown) puts the database back as it was. Job records
/// are kept in runs/jobs.json, so they survive a restart.
/// </summary>
public sealed partial class JobQueue : IAsyncDisposable
{
    /// <summary>
    /// Steps of the first job of each kind, before any job has been measured: resegment = segmenting, profiling, writing
    /// outputs (AnalysisPipeline.Resegment without report or recommendations); upload = loading, cleaning, customer features,
    /// exploring, product categories, lifetime value, segmenting, profiling, recommending, writing outputs, writing the report
    /// (AnalysisPipeline.Run); recommendations = computing, saving.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, int> KnownSteps = new Dictionary<string, int> { ["resegment"] = 3, ["upload"] = 11, ["recommendations"] = 2 };

    private const int KeptJobs = 200;
    private readonly StoreAccess _store;
    private readonly ILogger<JobQueue> _logger;
    private readonly JobLog _log;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConcurrentDictionary<string, Entry> _jobs = new();
    private readonly ConcurrentDictionary<string, int> _stepsByKind = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    // Preparations of one kind run one at a time, so repeated requests wait (Queued) and can be merged.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _preparing = new();

    private volatile bool _stopping;

    /// <summary>Restores the records of earlier jobs (runs/jobs.json next to the database).</summary>
    public JobQueue(StoreAccess store, ILogger<JobQueue> logger)
    {
        _store = store;
        _logger = logger;
        _log = new JobLog(store.DatabasePath);
        var (jobs, steps) = _log.Load();
        foreach (var job in jobs)
        {
            _jobs[job.Id] = Entry.Restore(job);
        }
        foreach (var (kind, count) in steps)
        {
            _stepsByKind[kind] = count;
        }
    }

    /// <summary>What a job does on the database file; returns its outcome in a sentence.</summary>
    public delegate string Work(JobContext context);

    /// <summary>Queues a job and returns at once.</summary>
    public JobStatus Start(string kind, Work work) => Start<bool>(kind, null, (context, _) => work(context));

    /// <summary>
    /// Queues a job in two phases: <paramref name="prepare"/> reads the current snapshot beside other jobs (slow work
    /// that writes nothing), then <paramref name="write"/> stores its result alone and the result is published.
    /// </summary>
    public JobStatus Start<T>(string kind, Func<StoreAccess, JobContext, T>? prepare, Func<JobContext, T, string> write)
    {
        var id = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{kind}-{Guid.NewGuid().ToString("N")[..6]}";
        var entry = new Entry(id, kind, DateTimeOffset.UtcNow);
        _jobs[id] = entry;
        Forget();
        Save();
        var task = Task.Run(() => Execute(entry, prepare, write));
        _running[task] = 0;
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
        return entry.Status(null);
    }

    /// <summary>Records a job that could not start (its options were refused), so a page can show why.</summary>
    public JobStatus Failed(string kind, string message)
    {
        var entry = new Entry($"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{kind}-{Guid.NewGuid().ToString("N")[..6]}", kind, DateTimeOffset.UtcNow);
        entry.Finish(JobState.Failed, message);
        _jobs[entry.Id] = entry;
        Save();
        return entry.Status(null);
    }

    /// <summary>
    /// Asks a queued or running job to stop: a queued job never starts; a running one stops at its next step (the step
    /// under way finishes first), puts the database back as it was, and publishes nothing. Null when the id is unknown;
    /// false when the job had already finished.
    /// </summary>
    public bool? Cancel(string id)
    {
        if (!_jobs.TryGetValue(id, out var entry))
        {
            return null;
        }
        if (entry.State is not (JobState.Queued or JobState.Running) || entry.Publishing)
        {
            return false;
        }
        entry.Cancellation.Cancel();
        return true;
    }

    /// <summary>The job, or null when the id is unknown (or forgotten).</summary>
    public JobStatus? Find(string id) => _jobs.TryGetValue(id, out var entry) ? entry.Status(TypicalSteps(entry.Kind)) : null;

    /// <summary>True when a job of this kind is queued and has not started.</summary>
    public bool HasQueued(string kind) => _jobs.Values.Any(j => j.Kind == kind && j.State == JobState.Queued);

    /// <summary>The latest jobs, newest first.</summary>
    public IReadOnlyList<JobStatus> Latest(int count) =>
        [.. _jobs.Values.OrderByDescending(j => j.QueuedAt).Take(count).Select(j => j.Status(TypicalSteps(j.Kind)))];

    /// <summary>
    /// Stops at shutdown: queued and running jobs are stopped at their next step (shown as Interrupted, the database put
    /// back as it was), then waited for, so the database is never closed under one.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        foreach (var entry in _jobs.Values.Where(j => j.State is JobState.Queued or JobState.Running))
        {
            entry.Cancellation.Cancel();
        }
        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        Save();
        foreach (var entry in _jobs.Values)
        {
            entry.Dispose();
        }
        _writer.Dispose();
        foreach (var turn in _preparing.Values)
        {
            turn.Dispose();
        }
    }

    private int? TypicalSteps(string kind) => _stepsByKind.TryGetValue(kind, out var steps) ? steps : KnownSteps.TryGetValue(kind, out var known) ? known : null;

    private void Save()
    {
        try
        {
            _log.Save([.. _jobs.Values.Select(j => j.Status(null))], new Dictionary<string, int>(_stepsByKind));
        }
        catch (IOException e)
        {
            // The records are a convenience; a full disk must not stop a job.
            _logger.LogWarning("Could not save the job records: {Message}", e.Message);
        }
    }

    private async Task Execute<T>(Entry entry, Func<StoreAccess, JobContext, T>? prepare, Func<JobContext, T, string> write)
    {
        var clock = Stopwatch.StartNew();
        var locked = false;
        Backup? backup = null;
        var token = entry.Cancellation.Token;
        try
        {
            var context = new JobContext(entry, _store.DatabasePath, Path.Combine(Path.GetDirectoryName(_store.DatabasePath)!, "runs", entry.Id));
            var prepared = default(T);
            if (prepare is not null)
            {
                var turn = _preparing.GetOrAdd(entry.Kind, _ => new SemaphoreSlim(1, 1));
                await turn.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    entry.Started(context.RunFolder);
                    Save();
                    prepared = prepare(_store, context);
                }
                finally
                {
                    turn.Release();
                }
            }
            await _writer.WaitAsync(token).ConfigureAwait(false);
            locked = true;
            token.ThrowIfCancellationRequested();
            entry.Started(context.RunFolder);
            Save();
            // The database as it was, to put back if the job stops before publishing (the snapshot readers use is never touched).
            entry.Mark("Copying the database before writing");
            backup = Backup.Take(_store.DatabasePath, entry.Id);
            entry.Mark("Opening the database");
            var message = write(context, prepared!);
            token.ThrowIfCancellationRequested();
            entry.Publishing = true;
            entry.Step = "Publishing the results";
            entry.Mark(entry.Step);
            _store.Publish();
            backup.Discard();
            backup = null;
            _stepsByKind[entry.Kind] = entry.Steps;
            entry.Finish(JobState.Succeeded, message);
            context.Published?.Invoke();
        }
#pragma warning disable CA1031 // After a cancel, the statement DuckDB was running fails ("Interrupted"): that failure is the cancel.
        catch (Exception) when (token.IsCancellationRequested)
#pragma warning restore CA1031
        {
            backup?.Restore();
            backup = null;
            entry.Finish(_stopping ? JobState.Interrupted : JobState.Cancelled, _stopping
                ? JobLog.InterruptedMessage
                : "Cancelled; the database was put back as it was and the results shown did not change.");
        }
        catch (InvalidOptionException e)
        {
            backup?.Restore();
            backup = null;
            entry.Finish(JobState.Failed, e.MessageFor(Dashboard.FormFields.For(e.Property)));
        }
        catch (SegmentaException e)
        {
            backup?.Restore();
            backup = null;
            entry.Finish(JobState.Failed, e.Message);
        }
#pragma warning disable CA1031 // A background job must record any failure instead of dying unobserved.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "Job {Id} failed", entry.Id);
            backup?.Restore();
            backup = null;
            entry.Finish(JobState.Failed, "An unexpected error stopped the job; see the server log. Nothing stored was changed by it.");
        }
        finally
        {
            _logger.LogInformation("Job {Id} {State} in {Seconds} s", entry.Id, entry.State, clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture));
            if (locked)
            {
                _writer.Release();
            }
            Save();
        }
    }

    private void Forget()
    {
        foreach (var old in _jobs.Values.Where(j => j.State is not (JobState.Queued or JobState.Running)).OrderByDescending(j => j.QueuedAt).Skip(KeptJobs))
        {
            if (_jobs.TryRemove(old.Id, out var removed))
            {
                removed.Dispose();
            }
        }
    }
}
