namespace Segmenta.Pipeline;

/// <summary>What one step of a run cost.</summary>
/// <param name="Step">Step name as shown while it runs ("Cleaning", "Loading shop.csv.gz").</param>
/// <param name="Wall">Wall-clock time.</param>
/// <param name="Cpu">Processor time of the whole process during the step (all threads, DuckDB's included), so Cpu/Wall shows the parallelism.</param>
/// <param name="PeakMemoryBytes">Peak resident memory of the process at the end of the step (high-water mark since the process started).</param>
public sealed record StepTiming(string Step, TimeSpan Wall, TimeSpan Cpu, long PeakMemoryBytes);
