using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Segmenta.Pipeline;
using Segmenta.Segmentation;
using Segmenta.Store;
using Segmenta.Tests.Pipeline;
using Segmenta.Tests.Support;
using Segmenta.Web;
using Segmenta.Web.Jobs;

namespace Segmenta.Tests.Web;

/// <summary>
/// The dashboard's re-run (issue 18): it does only what the new clustering changes, and stores what the full
/// <c>segmenta segment</c> path stores; a cancel stops it inside a step (DuckDB's interrupt) and changes nothing.
/// </summary>
[Collection(ClassicRunCollection.Name)]
public sealed class ReclusterTests(ClassicRunFixture run) : IDisposable
{
    // Every table a re-run writes that readers use; compared whole, rows sorted.
    private static readonly string[] Tables =
    [
        "customer_segments", "segment_summary", "segment_feature_stats", "segment_top_products", "segment_top_countries", "segment_rfm_mix",
        "segment_category_preferences", "segment_catalog", "segment_insights",
    ];

    private readonly TempDirectory _directory = new();

    [Fact]
    public void The_dashboard_rerun_stores_the_same_tables_as_the_full_resegment_path()
    {
        var full = Copy("full.duckdb");
        var quick = Copy("quick.duckdb");
        var segmentation = new SegmentationOptions { K = 4 };
        var stored = RunLog.LastOptions(full);

        AnalysisPipeline.Resegment(new AnalysisOptions { OutputDirectory = _directory.File("full"), DatabasePath = full }.With(stored with { Segmentation = segmentation }),
            writeReport: false, recommend: false);
        var result = AnalysisPipeline.Recluster(new AnalysisOptions { OutputDirectory = _directory.File("quick"), DatabasePath = quick }.With(stored with { Segmentation = segmentation }));

        // Only the new segmentation was profiled; the RFM profiles kept are those a full profiling computes again.
        Assert.Equal([SegmentationKind.KMeans], result.Segmentations.Select(s => s.Segmentation));
        Assert.Equal(["Segmenting customers", "Profiling segments", "Writing outputs"], result.Steps.Select(s => s.Step));
        foreach (var table in Tables)
        {
            Assert.Equal(Rows(full, table), Rows(quick, table));
        }
        Assert.Equal(Rows(full, "segmentation_runs"), Rows(quick, "segmentation_runs"));
        Assert.True(File.Exists(_directory.File("quick/model.json")));
        Assert.NotEmpty(Directory.GetFiles(_directory.File("quick/activation"), "*.csv"));
    }

    [Fact]
    public void Switching_to_a_mixture_drops_the_profiles_of_the_old_clusters()
    {
        var db = Copy("gmm.duckdb");
        var stored = RunLog.LastOptions(db);

        AnalysisPipeline.Recluster(new AnalysisOptions { OutputDirectory = _directory.File("gmm"), DatabasePath = db }
            .With(stored with { Segmentation = new SegmentationOptions { Algorithm = ClusteringAlgorithm.GaussianMixture, K = 3 } }));

        using var store = SegmentaStore.Open(db);
        foreach (var table in Tables)
        {
            Assert.Equal(["gmm", "rfm"], store.Query($"SELECT DISTINCT segmentation FROM {table} ORDER BY 1", r => r.GetString(0)));
        }
    }

    [Fact]
    public void An_interrupt_stops_a_running_statement_at_once()
    {
        using var store = SegmentaStore.Open(_directory.File("interrupt.duckdb"));
        var clock = Stopwatch.StartNew();
        using var timer = new Timer(_ => store.Interrupt(), null, 300, Timeout.Infinite);

        // 10^10 rows: minutes of work if nothing stops it.
        // DuckDB.NET reports the interrupted statement as cancelled.
        Assert.ThrowsAny<OperationCanceledException>(() => store.Scalar<long>("SELECT sum(a.range * b.range) FROM range(100000) a, range(100000) b"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Cancelling_a_rerun_inside_a_step_puts_the_database_back_and_publishes_nothing()
    {
        var db = Copy("cancel.duckdb");
        var before = Rows(db, "segment_catalog");
        using var store = new StoreAccess(db);
        await using var jobs = new JobQueue(store, NullLogger<JobQueue>.Instance);
        using var inStep = new ManualResetEventSlim();
        var version = store.Version;

        // A step that would run for minutes (a statement DuckDB must interrupt), after the re-run changed the clusters.
        var job = jobs.Start("resegment", context =>
        {
            using var writer = SegmentaStore.Open(context.DatabasePath);
            using var interrupt = context.Cancellation.Register(writer.Interrupt);
            writer.Execute("DELETE FROM segment_catalog WHERE segmentation <> 'rfm'");
            context.OnStep("Profiling segments");
            inStep.Set();
            writer.Scalar<long>("SELECT sum(a.range * b.range) FROM range(100000) a, range(100000) b");
            return "not reached";
        });
        Assert.True(inStep.Wait(TimeSpan.FromSeconds(60)));
        // An interrupt stops the statement running; give the long one time to start.
        await Task.Delay(1000);
        Assert.True(jobs.Cancel(job.Id));
        var cancelled = await JobPolling.Until(() => jobs.Find(job.Id) is { State: JobState.Cancelled } s ? s : null, TimeSpan.FromSeconds(30));

        Assert.Contains("Cancelled", cancelled.Message, StringComparison.Ordinal);
        Assert.Equal(version, store.Version);
        Assert.Equal(before, Rows(db, "segment_catalog"));
    }

    public void Dispose() => _directory.Dispose();

    // DuckDB sums doubles in parallel, so a mean over a different set of rows may differ in its last bits; 12 digits
    // is beyond what any output shows.
    private static string Cell(object value) => value switch
    {
        DBNull => "",
        double d => d.ToString("G12", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private string Copy(string name)
    {
        var db = _directory.File(name);
        File.Copy(Path.Combine(run.OutputDirectory, "segmenta.duckdb"), db);
        return db;
    }

    private static List<string> Rows(string db, string table)
    {
        using var store = SegmentaStore.Open(db);
        return store.HasTable(table)
            ? store.Query($"SELECT * FROM {table} ORDER BY ALL", r => string.Join("|", Enumerable.Range(0, r.FieldCount).Select(i => Cell(r.GetValue(i)))))
            : [];
    }
}
