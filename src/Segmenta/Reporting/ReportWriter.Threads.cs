using System.Runtime.CompilerServices;
using Segmenta.Store;

namespace Segmenta.Reporting;

public static partial class ReportWriter
{
    private static ReportDraft DrawOnOneThread(SegmentaStore store, ReportOptions options, ReportRun? run)
    {
        var data = ReportDataLoader.Load(store, options, run, ReportDataLoader.LoadStageResults(store));
        var written = new Html?[Sections.Length];
        WriteSections(data, written, new StrongBox<int>(-1));
        return new ReportDraft(options, data, written);
    }

    /// <summary>
    /// The draft on two threads, this one and one started for the purpose (its own, not the pool's: in a run the
    /// recommendations, computed beside, fill the pool with their evaluation). The other thread reads the later stages'
    /// results on a connection of its own while this one reads the rest; then both write the sections, each taking the
    /// next one in order as it comes free. The sections only read the data and each writes its own <see cref="Html"/>; their
    /// charts (ScottPlot's layout, Skia's SVG) are most of the report's time. The clip paths' ids, which then depend on how the
    /// charts interleaved, are numbered in order when the file is put together (<see cref="ClipPathIds"/>), so the file does not.
    /// </summary>
    private static ReportDraft DrawOnTwoThreads(SegmentaStore store, ReportOptions options, ReportRun? run)
    {
        var reading = OwnThread.Start(() =>
        {
            using var connection = store.Duplicate();
            return ReportDataLoader.LoadStageResults(connection);
        });
        ReportData data;
        try
        {
            data = ReportDataLoader.Load(store, options, run, reading.GetAwaiter().GetResult());
        }
        catch
        {
            // No thread is left reading the store once this failure propagates.
            Task.WaitAny(reading);
            throw;
        }
        var written = new Html?[Sections.Length];
        var next = new StrongBox<int>(-1);
        var helper = OwnThread.Start(() => WriteSections(data, written, next));
        try
        {
            WriteSections(data, written, next);
        }
        catch
        {
            Task.WaitAny(helper);
            throw;
        }
        helper.GetAwaiter().GetResult();
        return new ReportDraft(options, data, written);
    }

    /// <summary>Writes the sections that do not read the recommendations and apply, taking the next one after <paramref name="next"/> until none is left.</summary>
    private static void WriteSections(ReportData data, Html?[] written, StrongBox<int> next)
    {
        for (int i; (i = Interlocked.Increment(ref next.Value)) < Sections.Length;)
        {
            if (!Sections[i].ReadsRecommendations && Sections[i].Applies(data))
            {
                written[i] = Written(Sections[i], data);
            }
        }
    }
}
