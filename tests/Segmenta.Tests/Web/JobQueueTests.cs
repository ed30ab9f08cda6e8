using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Net;
using Segmenta.Store;
using Segmenta.Tests.Support;
using Segmenta.Web;
using Segmenta.Web.Jobs;

namespace Segmenta.Tests.Web;

/// <summary>Background jobs (issue 18): progress from the first job on, cancellation that changes nothing, records that survive a restart.</summary>
public sealed class JobQueueTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = new();
    private readonly string _db;

    public JobQueueTests()
    {
        _db = _directory.File("segmenta.duckdb");
        SegmentaStore.Open(_db).Dispose();
    }

    [Fact]
    public async Task The_first_job_of_a_kind_shows_a_share_of_the_pipelines_known_steps()
    {
        using var store = new StoreAccess(_db);
        await using var jobs = new JobQueue(store, NullLogger<JobQueue>.Instance);
        using var gate = new ManualResetEventSlim();

        var job = jobs.Start("resegment", context =>
        {
            context.OnStep("Segmenting customers");
            context.OnStep("Profiling segments");
            gate.Wait(Deadline);
            return "done";
        });
        var running = await Until(() => jobs.Find(job.Id) is { Step: "Profiling segments" } s ? s : null);
        gate.Set();
        var finished = await Until(() => jobs.Find(job.Id) is { State: JobState.Succeeded } s ? s : null);

        // One of the three steps of a re-run (segmenting, profiling, writing outputs) is done.
        Assert.Equal(Math.Round(1 / 3.0, 2), running.Progress);
        Assert.Equal(1, finished.Progress);
    }

    [Fact]
    public async Task Progress_lines_of_one_step_are_not_counted_as_new_steps()
    {
        using var store = new StoreAccess(_db);
        await using var jobs = new JobQueue(store, NullLogger<JobQueue>.Instance);
        using var gate = new ManualResetEventSlim();

        var job = jobs.Start("upload", context =>
        {
            context.OnStep("Loading a.csv");
            context.OnStep("Loading a.csv: 250,000 lines, 38,000 lines/s");
            context.OnStep("Loading a.csv: 500,000 lines, 38,000 lines/s");
            context.OnStep("Cleaning");
            gate.Wait(Deadline);
            return "done";
        });
        var running = await Until(() => jobs.Find(job.Id) is { Step: "Cleaning" } s ? s : null);
        gate.Set();

        Assert.Equal(Math.Round(1 / 11.0, 2), running.Progress);
    }

    [Fact]
    public async Task A_cancelled_job_stops_at_its_next_step_puts_the_database_back_and_publishes_nothing()
    {
        using var store = new StoreAccess(_db);
        await using var jobs = new JobQueue(store, NullLogger<JobQueue>.Instance);
        using var wrote = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var version = store.Version;
        var reachedTheEnd = false;

        var job = jobs.Start("resegment", context =>
        {
            context.OnStep("Segmenting customers");
            using (var database = SegmentaStore.Open(context.DatabasePath))
            {
                database.Execute("CREATE TABLE half_done AS SELECT 42 AS answer");
            }
            wrote.Set();
            gate.Wait(Deadline);
            context.OnStep("Profiling segments");
            reachedTheEnd = true;
            return "done";
        });
        Assert.True(wrote.Wait(Deadline));
        var accepted = jobs.Cancel(job.Id);
        gate.Set();
        var cancelled = await Until(() => jobs.Find(job.Id) is { State: JobState.Cancelled } s ? s : null);

        Assert.True(accepted);
        Assert.False(reachedTheEnd);
        Assert.Equal(version, store.Version);
        Assert.Contains("put back", cancelled.Message, StringComparison.Ordinal);
        using (var database = SegmentaStore.Open(_db))
        {
            Assert.False(database.HasTable("half_done"));
        }
        Assert.False(File.Exists(JobLog.BackupPath(store.DatabasePath, job.Id)));
        Assert.False(jobs.Cancel(job.Id));
        Assert.Null(jobs.Cancel("no-such-job"));
    }

    [Fact]
    public async Task A_queued_job_that_is_cancelled_never_starts()
    {
        using var store = new StoreAccess(_db);
        await using var jobs = new JobQueue(store, NullLogger<JobQueue>.Instance);
        using var gate = new ManualResetEventSlim();
        var secondRan = false;

        var first = jobs.Start("resegment", context =>
        {
            context.OnStep("Segmenting customers");
            gate.Wait(Deadline);
            return "first";
        });
        await Until(() => jobs.Find(first.Id) is { State: JobState.Running } s ? s : null);
        var second = jobs.Start("upload", _ =>
        {
            secondRan = true;
            return "second";
        });
        Assert.Equal(JobState.Queued, jobs.Find(second.Id)!.State);
        Assert.True(jobs.Cancel(second.Id));
        await Until(() => jobs.Find(second.Id) is { State: JobState.Cancelled } s ? s : null);
        gate.Set();
        await Until(() => jobs.Find(first.Id) is { State: JobState.Succeeded } s ? s : null);

        Assert.False(secondRan);
    }

    [Fact]
    public async Task Job_records_survive_a_restart_and_a_job_running_at_shutdown_is_shown_interrupted()
    {
        using var gate = new ManualResetEventSlim();
        string done, running;
        using (var store = new StoreAccess(_db))
        {
            var jobs = new JobQueue(store, NullLogger<JobQueue>.Instance);
            done = jobs.Start("resegment", context =>
            {
                context.OnStep("Segmenting customers");
                context.OnStep("Profiling segments");
                return "Re-ran kmeans: 4 segments.";
            }).Id;
            await Until(() => jobs.Find(done) is { State: JobState.Succeeded } s ? s : null);
            running = jobs.Start("upload", context =>
            {
                context.OnStep("Loading a.csv");
                gate.Wait(Deadline);
                context.OnStep("Cleaning");
                return "never";
            }).Id;
            await Until(() => jobs.Find(running) is { State: JobState.Running } s ? s : null);
            var stopping = jobs.DisposeAsync();
            gate.Set();
            await stopping;
        }

        using var restarted = new StoreAccess(_db);
        await using var again = new JobQueue(restarted, NullLogger<JobQueue>.Instance);

        Assert.Equal("Re-ran kmeans: 4 segments.", again.Find(done)?.Message);
        Assert.Equal(JobState.Succeeded, again.Find(done)?.State);
        Assert.Equal(JobState.Interrupted, again.Find(running)?.State);
        // The step count of the finished re-run is remembered: the next re-run's progress is measured against 2 steps.
        Assert.Contains("\"resegment\": 2", File.ReadAllText(new JobLog(restarted.DatabasePath).Path), StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_crash_the_job_left_running_is_interrupted_and_its_writes_undone()
    {
        var backup = JobLog.BackupPath(_db, "20261129-170000-upload-abcdef");
        Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
        File.Copy(_db, backup);
        using (var database = SegmentaStore.Open(_db))
        {
            database.Execute("CREATE TABLE half_done AS SELECT 1 AS x");
        }
        var log = new JobLog(_db);
        log.Save([new JobStatus("20261129-170000-upload-abcdef", "upload", JobState.Running, 0.4, "Cleaning", null, null, DateTimeOffset.UtcNow, null, 3)], []);

        JobLog.Recover(_db);

        using (var database = SegmentaStore.Open(_db))
        {
            Assert.False(database.HasTable("half_done"));
        }
        var job = Assert.Single(log.Load().Jobs);
        Assert.Equal(JobState.Interrupted, job.State);
        Assert.False(File.Exists(backup));
    }

    [Fact]
    public async Task The_API_cancels_with_DELETE_and_says_404_for_unknown_jobs_and_409_for_finished_ones()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", _db).ConfigureLogging(l => l.ClearProviders()));
        using var client = factory.CreateClient();
        var finished = factory.Services.GetRequiredService<JobQueue>().Failed("resegment", "refused");

        var unknown = await client.DeleteAsync("/api/jobs/no-such-job");
        var conflict = await client.DeleteAsync($"/api/jobs/{finished.Id}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already finished", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<T> Until<T>(Func<T?> probe)
        where T : class
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } value)
            {
                return value;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The job did not reach the expected state in time.");
    }
}
