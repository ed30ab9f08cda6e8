using Segmenta.Reporting;
using Segmenta.Segmentation;

namespace Segmenta.Pipeline;

/// <summary>
/// Work every run does once, done ahead on a spare core while the file loads: the JSON metadata and code of the
/// segmentation model and of the run options, and the report's fonts and chart code. Loading and cleaning leave one
/// of two cores partly idle (nothing else can start before the lines are clean), while after them every step competes
/// for both; each of these costs was paid there, on first use. The thread keeps the default priority: at the lowest
/// (nice 19), on a loaded machine it got almost no CPU while holding the JSON metadata's and the JIT's locks that the
/// steps then waited on (docs/benchmarks.md, session 15 mid). It writes nothing a run reads: its model and charts are
/// thrown away, and the charts stop before the SVG canvas, whose clip-path numbering is process-wide; so the outputs
/// are the same with or without it.
/// </summary>
internal static class WarmUp
{
    private static int _started;

    /// <summary>
    /// Starts the warm-up on a background thread of its own, on a machine with more than one core, once per process
    /// (a host that runs many analyses, the dashboard or the tests, has it done after the first).
    /// </summary>
    public static void Start(AnalysisOptions options)
    {
        if (Environment.ProcessorCount < 2 || Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }
        var thread = new Thread(() => Run(options)) { IsBackground = true, Name = "Segmenta warm-up" };
        thread.Start();
    }

    private static void Run(AnalysisOptions options)
    {
        try
        {
            // In the order the steps need them: segmenting starts first after the features.
            SegmentationModel.WarmUpJson();
            // As the report's method section serialises the run's options (AnalysisPipeline.ReportRunOf).
            AnalysisPipeline.ReportRunOf(AnalysisPipeline.Effective(options.Stages, new DateOnly(2000, 1, 1), "GBP"));
            ChartFactory.WarmUp();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing here is needed: a step that meets the same fault reports it where it belongs.
        }
    }
}
