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
public sealed class JobQueue : IAsyncDisposable
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

    internal sealed class Entry(string id, string kind, DateTimeOffset queuedAt) : IDisposable
    {
        private readonly Stopwatch _clock = new();
        private double _restoredSeconds;
        private string? _stepKey;
        private readonly List<JobStepTime> _timings = [];
        private string? _part;
        private double _partStarted;
        private double _partCpu;
        private IReadOnlyList<JobStepTime>? _restoredTimings;

        public CancellationTokenSource Cancellation { get; } = new();

        public volatile bool Publishing;

        public string Id { get; } = id;

        public string Kind { get; } = kind;

        public DateTimeOffset QueuedAt { get; } = queuedAt;

        public volatile JobState State;

        public volatile string? Step;

        public string? Message { get; private set; }

        public string? RunFolder { get; private set; }

        public DateTimeOffset? FinishedAt { get; private set; }

        public int Steps;

        public void Dispose() => Cancellation.Dispose();

        /// <summary>A job of an earlier server process, as its record was saved.</summary>
        public static Entry Restore(JobStatus saved)
        {
            var entry = new Entry(saved.Id, saved.Kind, saved.QueuedAt)
            {
                State = saved.State,
                Message = saved.Message,
                RunFolder = saved.RunFolder,
                FinishedAt = saved.FinishedAt,
                _restoredSeconds = saved.Seconds,
                _restoredTimings = saved.Timings,
            };
            return entry;
        }

        /// <summary>Counts a step; progress lines of the same step ("Loading x.csv: 250,000 lines") are not new steps.</summary>
        public void OnStep(string step)
        {
            Step = step;
            var colon = step.IndexOf(": ", StringComparison.Ordinal);
            var key = colon < 0 ? step : step[..colon];
            if (key != _stepKey)
            {
                _stepKey = key;
                Interlocked.Increment(ref Steps);
                Mark(key);
            }
        }

        /// <summary>Starts timing a part of the job (a step, or the queue's own work); the part before it ends here.</summary>
        public void Mark(string? part)
        {
            lock (_timings)
            {
                var now = _clock.Elapsed.TotalSeconds;
                var cpu = ProcessCpu();
                if (_part is { } previous)
                {
                    _timings.Add(new JobStepTime(previous, Math.Round(now - _partStarted, 3), Math.Round(cpu - _partCpu, 3)));
                }
                _part = part;
                _partStarted = now;
                _partCpu = cpu;
            }
        }

        private IReadOnlyList<JobStepTime> Timings()
        {
            lock (_timings)
            {
                return _part is null ? [.. _timings] : [.. _timings, new JobStepTime(_part, Math.Round(_clock.Elapsed.TotalSeconds - _partStarted, 3), Math.Round(ProcessCpu() - _partCpu, 3))];
            }
        }

        private static double ProcessCpu()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime.TotalSeconds;
        }

        public void Started(string runFolder)
        {
            RunFolder = runFolder;
            if (!_clock.IsRunning)
            {
                _clock.Start();
            }
            State = JobState.Running;
        }

        public void Finish(JobState state, string message)
        {
            Message = message;
            FinishedAt = DateTimeOffset.UtcNow;
            Mark(null);
            _clock.Stop();
            Step = null;
            State = state;
        }

        public JobStatus Status(int? typicalSteps)
        {
            var state = State;
            double? progress = state switch
            {
                JobState.Queued => 0,
                JobState.Running => typicalSteps is > 0 ? Math.Round(Math.Clamp((Volatile.Read(ref Steps) - 1) / (double)typicalSteps.Value, 0, 0.95), 2) : null,
                JobState.Succeeded => 1,
                _ => null,
            };
            return new JobStatus(Id, Kind, state, progress, Step, Message, RunFolder, QueuedAt, FinishedAt, Math.Round(_restoredSeconds + _clock.Elapsed.TotalSeconds, 2))
            {
                Timings = _restoredTimings ?? Timings(),
            };
        }
    }
}

/// <summary>What a job's work is given: the database to write, its own run folder, and a way to report its steps.</summary>
public sealed class JobContext
{
    private readonly JobQueue.Entry _entry;

    internal JobContext(JobQueue.Entry entry, string databasePath, string runFolder)
    {
        _entry = entry;
        DatabasePath = databasePath;
        RunFolder = runFolder;
    }

    /// <summary>The user's database (the job is its only writer).</summary>
    public string DatabasePath { get; }

    /// <summary>The job's own folder for the files it writes.</summary>
    public string RunFolder { get; }

    /// <summary>Run once the job's results are published (e.g. to queue a follow-up job that reads them).</summary>
    public Action? Published { get; set; }

    /// <summary>Set when the job was asked to stop (cancel, shutdown); long work that reads only may check it.</summary>
    public CancellationToken Cancellation => _entry.Cancellation.Token;

    /// <summary>
    /// Reports the step starting now (pass to the pipeline's onStep). A job asked to stop stops here, between two steps.
    /// </summary>
    /// <exception cref="OperationCanceledException">The job was cancelled or the server is stopping.</exception>
    public void OnStep(string step)
    {
        _entry.Cancellation.Token.ThrowIfCancellationRequested();
        _entry.OnStep(step);
    }
}
