using System.Diagnostics;
using System.Globalization;
using Segmenta.Pipeline;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary>The cost of every step at the end of a run, and of the whole process (start-up and JIT included).</summary>
internal static class StepTimesPrinter
{
    internal static void Print(IReadOnlyList<StepTiming> timings)
    {
        if (timings.Count == 0)
        {
            return;
        }
        using var process = Process.GetCurrentProcess();
        var whole = DateTime.Now - process.StartTime;
        var steps = timings.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Wall);
        var parts = timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Step} {t.Wall.TotalSeconds:0.00} s (CPU {t.Cpu.TotalSeconds:0.00})"));
        Terminal.Out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Time per step: {string.Join(", ", parts)}; whole process {whole.TotalSeconds:0.00} s (outside the steps: {(whole - steps).TotalSeconds:0.00} s, start-up included), CPU {process.TotalProcessorTime.TotalSeconds:0.00} s, peak memory {process.PeakWorkingSet64 / 1048576.0:0} MB.")));
    }
}
