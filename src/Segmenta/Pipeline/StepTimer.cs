using System.Diagnostics;

namespace Segmenta.Pipeline;

/// <summary>Runs named steps, tells a progress display when each starts, and keeps their wall and CPU times for the run log.</summary>
internal sealed class StepTimer(Action<string>? onStep)
{
    public List<(string Step, TimeSpan Elapsed)> Steps { get; } = [];

    /// <summary>Wall time, CPU time and peak memory per step, in the order run (table run_steps).</summary>
    public List<StepTiming> Timings { get; } = [];

    public T Step<T>(string name, Func<T> work)
    {
        onStep?.Invoke(name);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = work();
        Steps.Add((name, watch.Elapsed));
        process.Refresh();
        Timings.Add(new StepTiming(name, watch.Elapsed, process.TotalProcessorTime - cpu, process.PeakWorkingSet64));
        return result;
    }
}
