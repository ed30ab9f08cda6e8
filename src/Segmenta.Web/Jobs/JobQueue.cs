using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Segmenta.Web.Jobs;

/// <summary>
/// Runs the dashboard's writes (re-runs, uploads, recommendation refreshes) in the background, one at a time, on the
/// user's database; after each, <see cref="StoreAccess.Publish"/> swaps the new results in for readers. Each job gets
/// its own run folder for the files it writes, next to the database under runs/.
/// </summary>
public sealed class JobQueue(StoreAccess store, ILogger<JobQueue> logger) : IAsyncDisposable
{
    private const int KeptJobs = 200;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConcurrentDictionary<string, Entry> _jobs = new();
    private readonly ConcurrentDictionary<string, int> _stepsByKind = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    // Preparations of one kind run one at a time, so repeated requests wait (Queued) and can be merged.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _preparing = new();

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
        return entry.Status(null);
    }

    /// <summary>The job, or null when the id is unknown (or forgotten).</summary>
    public JobStatus? Find(string id) => _jobs.TryGetValue(id, out var entry) ? entry.Status(_stepsByKind.GetValueOrDefault(entry.Kind)) : null;

    /// <summary>True when a job of this kind is queued and has not started.</summary>
    public bool HasQueued(string kind) => _jobs.Values.Any(j => j.Kind == kind && j.State == JobState.Queued);

    /// <summary>The latest jobs, newest first.</summary>
    public IReadOnlyList<JobStatus> Latest(int count) =>
        [.. _jobs.Values.OrderByDescending(j => j.QueuedAt).Take(count).Select(j => j.Status(_stepsByKind.GetValueOrDefault(j.Kind)))];

    /// <summary>Waits for running jobs, so the database is never closed under one.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        _writer.Dispose();
        foreach (var turn in _preparing.Values)
        {
            turn.Dispose();
        }
    }

    private async Task Execute<T>(Entry entry, Func<StoreAccess, JobContext, T>? prepare, Func<JobContext, T, string> write)
    {
        var clock = Stopwatch.StartNew();
        var locked = false;
        try
        {
            var context = new JobContext(entry, store.DatabasePath, Path.Combine(Path.GetDirectoryName(store.DatabasePath)!, "runs", entry.Id));
            var prepared = default(T);
            if (prepare is not null)
            {
                var turn = _preparing.GetOrAdd(entry.Kind, _ => new SemaphoreSlim(1, 1));
                await turn.WaitAsync().ConfigureAwait(false);
                try
                {
                    entry.Started(context.RunFolder);
                    prepared = prepare(store, context);
                }
                finally
                {
                    turn.Release();
                }
            }
            await _writer.WaitAsync().ConfigureAwait(false);
            locked = true;
            entry.Started(context.RunFolder);
            var message = write(context, prepared!);
            entry.Step = "Publishing the results";
            store.Publish();
            _stepsByKind[entry.Kind] = entry.Steps;
            entry.Finish(JobState.Succeeded, message);
            context.Published?.Invoke();
        }
        catch (InvalidOptionException e)
        {
            entry.Finish(JobState.Failed, e.MessageFor(Dashboard.FormFields.For(e.Property)));
        }
        catch (SegmentaException e)
        {
            entry.Finish(JobState.Failed, e.Message);
        }
#pragma warning disable CA1031 // A background job must record any failure instead of dying unobserved.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Job {Id} failed", entry.Id);
            entry.Finish(JobState.Failed, "An unexpected error stopped the job; see the server log. Nothing stored was changed by it.");
        }
        finally
        {
            logger.LogInformation("Job {Id} {State} in {Seconds} s", entry.Id, entry.State, clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture));
            if (locked)
            {
                _writer.Release();
            }
        }
    }

    private void Forget()
    {
        foreach (var old in _jobs.Values.Where(j => j.State is JobState.Succeeded or JobState.Failed).OrderByDescending(j => j.QueuedAt).Skip(KeptJobs))
        {
            _jobs.TryRemove(old.Id, out _);
        }
    }

    internal sealed class Entry(string id, string kind, DateTimeOffset queuedAt)
    {
        private readonly Stopwatch _clock = new();

        public string Id { get; } = id;

        public string Kind { get; } = kind;

        public DateTimeOffset QueuedAt { get; } = queuedAt;

        public volatile JobState State;

        public volatile string? Step;

        public string? Message { get; private set; }

        public string? RunFolder { get; private set; }

        public DateTimeOffset? FinishedAt { get; private set; }

        public int Steps;

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
                JobState.Succeeded or JobState.Failed => 1,
                _ => typicalSteps is > 0 ? Math.Round(Math.Min(0.95, (double)Volatile.Read(ref Steps) / typicalSteps.Value), 2) : null,
            };
            return new JobStatus(Id, Kind, state, progress, Step, Message, RunFolder, QueuedAt, FinishedAt, Math.Round(_clock.Elapsed.TotalSeconds, 2));
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

    /// <summary>Reports the step starting now (pass to the pipeline's onStep).</summary>
    public void OnStep(string step)
    {
        _entry.Step = step;
        Interlocked.Increment(ref _entry.Steps);
    }
}
