namespace Segmenta.Web.Jobs;

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
