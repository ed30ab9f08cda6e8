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
}
