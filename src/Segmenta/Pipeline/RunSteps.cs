using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>Saves and reads the per-step costs of a run (table run_steps, DDL in run_steps.sql).</summary>
internal static class RunSteps
{
    /// <summary>Replaces the steps stored for <paramref name="runId"/> with <paramref name="timings"/>.</summary>
    internal static void Save(SegmentaStore store, long runId, IReadOnlyList<StepTiming> timings)
    {
        store.Execute(SqlScripts.Get("Pipeline/run_steps.sql"));
        store.Execute("DELETE FROM run_steps WHERE run_id = $id", ("id", runId));
        using var appender = store.Connection.CreateAppender("run_steps");
        for (var i = 0; i < timings.Count; i++)
        {
            var t = timings[i];
            appender.CreateRow().AppendValue((int)runId).AppendValue(i + 1).AppendValue(t.Step)
                .AppendValue(Math.Round(t.Wall.TotalSeconds, 4)).AppendValue(Math.Round(t.Cpu.TotalSeconds, 4))
                .AppendValue(Math.Round(t.PeakMemoryBytes / 1048576.0, 1)).EndRow();
        }
    }

    /// <summary>The steps of one run, in order.</summary>
    internal static IReadOnlyList<StepTiming> Load(SegmentaStore store, long runId)
    {
        store.Execute(SqlScripts.Get("Pipeline/run_steps.sql"));
        return store.Query(
            "SELECT step, wall_seconds, cpu_seconds, peak_memory_mb FROM run_steps WHERE run_id = $id ORDER BY position",
            r => new StepTiming(r.GetString(0), TimeSpan.FromSeconds(r.GetDouble(1)), TimeSpan.FromSeconds(r.GetDouble(2)), (long)(r.GetDouble(3) * 1048576)),
            ("id", runId));
    }
}
