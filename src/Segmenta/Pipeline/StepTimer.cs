using System.Diagnostics;

namespace Segmenta.Pipeline;

/// <summary>Runs named steps, tells a progress display when each starts, and keeps their wall times for the run log.</summary>
internal sealed class StepTimer(Action<string>? onStep)
{
    public List<(string Step, TimeSpan Elapsed)> Steps { get; } = [];

    public T Step<T>(string name, Func<T> work)
    {
        onStep?.Invoke(name);
        var watch = Stopwatch.StartNew();
        var result = work();
        Steps.Add((name, watch.Elapsed));
        return result;
    }
}
