using System.Text.Json;
using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>
/// The runs table (Store/schema.sql): one row per command run against the store, with its effective options as a
/// <see cref="RunOptions"/> record and the time of each step.
/// </summary>
public static class RunLog
{
    /// <summary>The effective options of the last run that recorded them, or null when the store holds none (or only an older format's).</summary>
    public static RunOptions? LastOptions(SegmentaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var json = store.Scalar<string>("SELECT options FROM runs ORDER BY run_id DESC LIMIT 1");
        if (json is null)
        {
            return null;
        }
        try
        {
            return RunOptions.FromJson(json, store.Path);
        }
        catch (SegmentaException)
        {
            // A store written before options were recorded as RunOptions: its re-runs start from the defaults.
            return null;
        }
    }

    /// <summary>The effective options of the last run of the database at <paramref name="databasePath"/>; the defaults when it has none.</summary>
    public static RunOptions LastOptions(string databasePath)
    {
        SegmentaStore.RequireExisting(databasePath);
        using var store = SegmentaStore.Open(databasePath);
        return LastOptions(store) ?? new RunOptions();
    }

    /// <summary>Appends a run and returns its id.</summary>
    internal static long Record(SegmentaStore store, string command, DateTimeOffset started, RunOptions options,
        long? linesLoaded, long? linesClean, long? customers, IEnumerable<(string Step, TimeSpan Elapsed)> steps, TimeSpan? elapsed = null)
    {
        var runId = (store.Scalar<long?>("SELECT max(run_id) FROM runs") ?? 0) + 1;
        var list = steps.ToList();
        store.Execute(
            "INSERT INTO runs VALUES ($id, $command, $at, $options, $loaded, $clean, $customers, $seconds, $steps)",
            ("id", runId), ("command", command), ("at", started.UtcDateTime), ("options", options.ToJson()), ("loaded", linesLoaded),
            ("clean", linesClean), ("customers", customers), ("seconds", elapsed?.TotalSeconds ?? list.Sum(s => s.Elapsed.TotalSeconds)), ("steps", StepsJson(list)));
        return runId;
    }

    /// <summary>Rewrites a run's step times (the report, written after the run is logged, adds its own).</summary>
    /// <remarks>The run's seconds are <paramref name="elapsed"/> (steps that overlapped counted once) or else the sum of the steps'.</remarks>
    internal static void UpdateStepTimes(SegmentaStore store, long runId, IReadOnlyList<(string Step, TimeSpan Elapsed)> steps, TimeSpan? elapsed = null) =>
        store.Execute("UPDATE runs SET step_seconds = $steps, seconds = $seconds WHERE run_id = $id",
            ("steps", StepsJson(steps)), ("seconds", elapsed?.TotalSeconds ?? steps.Sum(s => s.Elapsed.TotalSeconds)), ("id", runId));

    private static string StepsJson(IEnumerable<(string Step, TimeSpan Elapsed)> steps) =>
        JsonSerializer.Serialize(steps.ToDictionary(s => s.Step, s => Math.Round(s.Elapsed.TotalSeconds, 4)), RunOptionsJson.Default.DictionaryStringDouble);
}
