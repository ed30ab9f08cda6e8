namespace Segmenta.Web.Jobs;

/// <summary>Where a job is (in JSON, by name).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<JobState>))]
public enum JobState
{
    /// <summary>Waiting for the job before it (writes run one at a time).</summary>
    Queued,

    /// <summary>Running; reads are served from the previous results.</summary>
    Running,

    /// <summary>Done; its results are served.</summary>
    Succeeded,

    /// <summary>Stopped by an error; nothing stored was changed by it.</summary>
    Failed,

    /// <summary>Stopped on request (POST /api/jobs/{id}/cancel) at a step boundary; the database was put back as it was and nothing was published.</summary>
    Cancelled,

    /// <summary>The server stopped while the job was queued or running; the database was put back as it was and nothing was published.</summary>
    Interrupted,
}

/// <summary>What a client sees of a background job (GET /api/jobs/{id}).</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Kind">resegment, upload or recommendations.</param>
/// <param name="State">Queued, Running, Succeeded, Failed, Cancelled or Interrupted.</param>
/// <param name="Progress">
/// Share of the steps done (0 to 1): steps finished ÷ the step count of the previous job of the same kind, or, for the
/// first job of a kind, the pipeline's known step count. An estimate: steps differ in length, so it is not a share of time.
/// </param>
/// <param name="Step">The step running now.</param>
/// <param name="Message">The outcome, in a sentence, once finished.</param>
/// <param name="RunFolder">Folder of the files the job wrote (never the folder of an analyze run).</param>
/// <param name="QueuedAt">When it was asked for.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Seconds">Time from start to finish (or to now).</param>
public sealed record JobStatus(string Id, string Kind, JobState State, double? Progress, string? Step, string? Message, string? RunFolder,
    DateTimeOffset QueuedAt, DateTimeOffset? FinishedAt, double Seconds)
{
    /// <summary>
    /// Wall time of each part of the job so far, in order: the pipeline's steps and the queue's own parts (copying the
    /// database before the first write, publishing the snapshot). Where the time of a slow job went.
    /// </summary>
    public IReadOnlyList<JobStepTime>? Timings { get; init; }
}

/// <summary>One part of a job and its wall time.</summary>
/// <param name="Step">The step's name ("Segmenting customers", "Publishing the results").</param>
/// <param name="Seconds">Wall time, in seconds (to the millisecond).</param>
/// <param name="CpuSeconds">CPU time of the whole server process meanwhile (all threads: requests served beside the job count too).</param>
public sealed record JobStepTime(string Step, double Seconds, double CpuSeconds);
