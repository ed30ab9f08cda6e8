using System.Diagnostics;

namespace Segmenta.Pipeline;

/// <summary>
/// Runs named steps, tells a progress display when each starts, and keeps their wall and CPU times for the run log.
/// Steps may run at the same time on several threads (<see cref="StepBranches"/>): each keeps the slot of the order
/// it started in, the progress display is told one step at a time, and a step that overlapped others says so.
/// </summary>
internal sealed class StepTimer(Action<string>? onStep)
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private readonly List<bool> _running = [];

    /// <summary>
    /// For measuring the run's critical path (<c>SEGMENTA_TIMELINE=1</c>): each step, when it ends, is printed to standard
    /// error with its start and end in seconds since the process started, its CPU, its thread, and the process's garbage
    /// collections so far (generations 0/1/2, total pause). Off otherwise.
    /// </summary>
    private static readonly bool Timeline = Environment.GetEnvironmentVariable("SEGMENTA_TIMELINE") is "1";

    public List<(string Step, TimeSpan Elapsed)> Steps { get; } = [];

    /// <summary>Wall time, CPU time and peak memory per step, in the order run (table run_steps).</summary>
    public List<StepTiming> Timings { get; } = [];

    public T Step<T>(string name, Func<T> work)
    {
        int slot;
        lock (_gate)
        {
            onStep?.Invoke(name);
            slot = Steps.Count;
            Steps.Add((name, TimeSpan.Zero));
            Timings.Add(new StepTiming(name, TimeSpan.Zero, TimeSpan.Zero, 0) { Start = _since.Elapsed });
            _running.Add(true);
        }
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var start = _since.Elapsed;
        var watch = Stopwatch.StartNew();
        var result = work();
        var wall = watch.Elapsed;
        process.Refresh();
        var timing = new StepTiming(name, wall, process.TotalProcessorTime - cpu, process.PeakWorkingSet64) { Start = start };
        lock (_gate)
        {
            // The steps still running overlap this one; so do those that ended after it started (each side sees the other).
            var overlapped = Timings.Where((t, i) => i != slot && (_running[i] || t.Start + t.Wall > start)).Select(t => t.Step).ToList();
            Steps[slot] = (name, wall);
            Timings[slot] = timing with { OverlappedWith = overlapped };
            _running[slot] = false;
        }
        if (Timeline)
        {
            var end = DateTime.Now - process.StartTime;
            Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"[step {(end - wall).TotalSeconds,6:0.000} - {end.TotalSeconds,6:0.000} s, CPU {timing.Cpu.TotalSeconds,5:0.00} s, t{Environment.CurrentManagedThreadId,-3} GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} paused {GC.GetTotalPauseDuration().TotalSeconds:0.000} s] {name}"));
        }
        return result;
    }

    /// <summary>
    /// Puts the steps from <paramref name="from"/> on in the order of <paramref name="order"/> (the order they run in
    /// one after another), so that the table reads the same whichever concurrent step happened to start first.
    /// </summary>
    public void Reorder(int from, string[] order)
    {
        lock (_gate)
        {
            int Rank(string step) => Array.IndexOf(order, step) is var i and >= 0 ? i : order.Length;
            var steps = Steps.Skip(from).OrderBy(s => Rank(s.Step)).ToList();
            var timings = Timings.Skip(from).OrderBy(t => Rank(t.Step)).ToList();
            Steps.RemoveRange(from, steps.Count);
            Steps.AddRange(steps);
            Timings.RemoveRange(from, timings.Count);
            Timings.AddRange(timings);
        }
    }
}
