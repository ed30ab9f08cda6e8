namespace Segmenta.Reporting;

public static partial class ReportWriter
{
    /// <summary>
    /// The sections marked in <paramref name="drawn"/>, written (null for the others). With two cores or more, two threads
    /// take the sections in order as they come free, this one and one started for the purpose: the sections only read
    /// <paramref name="data"/> and each writes its own <see cref="Html"/>, and the drawing of their charts (ScottPlot's
    /// layout, Skia's SVG) is most of the report's time. The clip paths' ids, which then depend on how the charts
    /// interleaved, are numbered in order when the file is put together, so the file does not.
    /// </summary>
    private static Html?[] WrittenAtOnce(bool[] drawn, ReportData data)
    {
        var written = new Html?[Sections.Length];
        var next = -1;
        void Write()
        {
            for (int i; (i = Interlocked.Increment(ref next)) < Sections.Length;)
            {
                if (drawn[i])
                {
                    written[i] = Written(Sections[i], data);
                }
            }
        }
        if (Environment.ProcessorCount < 2)
        {
            Write();
            return written;
        }
        // Its own thread, not the pool's: the recommendations, drawn beside in a run, fill the pool with their evaluation.
        var helper = Task.Factory.StartNew(Write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            Write();
        }
        catch
        {
            // The helper ends before this failure propagates (its own failure, if any, is then not the one reported).
            Task.WaitAny(helper);
            throw;
        }
        helper.GetAwaiter().GetResult();
        return written;
    }
}
