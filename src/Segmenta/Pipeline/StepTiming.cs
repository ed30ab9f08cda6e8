namespace Segmenta.Pipeline;

/// <summary>What one step of a run cost.</summary>
/// <param name="Step">Step name as shown while it runs ("Cleaning", "Loading shop.csv.gz").</param>
/// <param name="Wall">Wall-clock time.</param>
/// <param name="Cpu">Processor time of the whole process during the step (all threads, DuckDB's included), so Cpu/Wall shows the parallelism.</param>
/// <param name="PeakMemoryBytes">Peak resident memory of the process at the end of the step (high-water mark since the process started).</param>
public sealed record StepTiming(string Step, TimeSpan Wall, TimeSpan Cpu, long PeakMemoryBytes)
{
    /// <summary>When the step started, from the start of the first step of the run.</summary>
    public TimeSpan Start { get; init; }

    /// <summary>
    /// The steps that ran at the same time as this one (independent steps run concurrently). Its <see cref="Cpu"/> then
    /// includes theirs, and the run's wall time is less than the sum of its steps'.
    /// </summary>
    public IReadOnlyList<string> OverlappedWith { get; init; } = [];

    /// <summary>The time during which at least one of <paramref name="timings"/> ran: a run's wall time when steps overlapped.</summary>
    public static TimeSpan Covered(IEnumerable<StepTiming> timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var (covered, end) = (TimeSpan.Zero, TimeSpan.MinValue);
        foreach (var t in timings.OrderBy(t => t.Start))
        {
            var (from, to) = (t.Start > end ? t.Start : end, t.Start + t.Wall);
            if (to > from)
            {
                covered += to - from;
                end = to;
            }
        }
        return covered;
    }
}
