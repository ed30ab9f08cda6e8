using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
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
        var steps = StepTiming.Covered(timings);
        // One short line per step, so that neither a narrow terminal nor a log wraps a step's numbers apart.
        Terminal.Out.WriteLine("Time per step (wall, CPU of all threads, peak memory so far):");
        foreach (var t in timings)
        {
            Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {SafeText.Clip(t.Step) + (t.OverlappedWith.Count > 0 ? " *" : ""),-32} {t.Wall.TotalSeconds,8:0.00} s {t.Cpu.TotalSeconds,8:0.00} s CPU {t.PeakMemoryBytes / 1048576.0,7:0} MB"));
        }
        if (timings.Any(t => t.OverlappedWith.Count > 0))
        {
            Terminal.Out.WriteLine("  (* ran at the same time as other steps: its CPU includes theirs; SEGMENTA_SEQUENTIAL=1 runs them one after another)");
        }
        Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {"whole process",-32} {whole.TotalSeconds,8:0.00} s {process.TotalProcessorTime.TotalSeconds,8:0.00} s CPU {process.PeakWorkingSet64 / 1048576.0,7:0} MB"));
        Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  (outside the steps: {(whole - steps).TotalSeconds:0.00} s: process start-up, {(RuntimeFeature.IsDynamicCodeCompiled ? "JIT, " : "")}opening the database, printing)"));
    }
}
