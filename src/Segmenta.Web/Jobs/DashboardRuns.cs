using Segmenta.Cleaning;
using Segmenta.Loading;
using Segmenta.Pipeline;
using Segmenta.Recommending;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Web.Jobs;

/// <summary>
/// The writes the dashboard can ask for, each a background job on the user's database whose files go to the job's
/// run folder (never over the files of an analyze run). After a re-run, recommendations are refreshed by a job of
/// their own, so the new segments show at once.
/// </summary>
internal static class DashboardRuns
{
    /// <summary>Re-clusters with <paramref name="segmentation"/>; every other option is the stored run's (playbook, names, seed).</summary>
    internal static JobStatus Resegment(JobQueue jobs, RunOptions stored, SegmentationOptions segmentation) => jobs.Start("resegment", job =>
    {
        // Only what the new clustering changes: cluster, profile the new segmentation, store its tables; the RFM segments stay.
        var result = AnalysisPipeline.Recluster(
            new AnalysisOptions { OutputDirectory = job.RunFolder, DatabasePath = job.DatabasePath }.With(stored with { Segmentation = segmentation }),
            job.OnStep, cancellation: job.Cancellation);
        job.Published = () => RefreshRecommendations(jobs);
        return (result.Clusters is { } c ? $"Re-ran {Describe(segmentation.Algorithm)}: {c.K} segments in {result.Elapsed.TotalSeconds:0.00} s." : string.Join(" ", result.Notes))
            + " Recommendations are being refreshed for the new segments in the background (a few seconds).";
    });

    internal static JobStatus Upload(JobQueue jobs, string file, string shownName, CleaningPreset cleaning, IReadOnlyDictionary<ColumnRole, string> columnMap) => jobs.Start("upload", job =>
    {
        try
        {
            var result = AnalysisPipeline.Run(new AnalysisOptions
            {
                Inputs = [file],
                OutputDirectory = job.RunFolder,
                DatabasePath = job.DatabasePath,
                Cleaning = new CleaningOptions { Preset = cleaning },
                Import = new ImportOptions { ColumnMap = columnMap },
            }, job.OnStep, cancellation: job.Cancellation);
            var import = result.Imports[0];
            return import.AlreadyImported
                ? $"{shownName} was already imported: nothing added; analysis refreshed."
                : $"{shownName}: {import.LinesRead:N0} lines read, {import.LinesLoaded:N0} loaded, {import.LinesQuarantined:N0} quarantined; {result.Features.Customers:N0} customers analysed.";
        }
        catch (SegmentaException e)
        {
            // The core names the CLI's --map; on the page, the same choice is the mapping step.
            var mapping = e.Message.Contains("--map", StringComparison.Ordinal) ? " On this page: upload the file again with “Check the columns first” and pick its columns." : "";
            throw new SegmentaException($"{shownName}: {e.Message}{mapping}", e);
        }
        finally
        {
            // The upload's private temporary folder (the server chose it).
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    });

    /// <summary>Queues a refresh of the recommendations, unless one is already waiting to start.</summary>
    internal static void RefreshRecommendations(JobQueue jobs)
    {
        if (jobs.HasQueued("recommendations"))
        {
            return;
        }
        // Computed from the snapshot beside other jobs (it takes seconds to minutes), so a re-run never waits for it;
        // only saving the lists takes the writer's turn.
        jobs.Start("recommendations",
            (store, job) =>
            {
                job.OnStep("Recommending");
                // The options of the run that stored the current lists (--top, --cutoff, --mode, seed), not the defaults.
                return store.Read(s => Recommender.Compute(s, RunLog.LastOptions(s)?.Recommendation ?? Recommender.StoredOptions(s) ?? new RecommendationOptions()));
            },
            (job, result) =>
            {
                job.OnStep("Saving recommendations");
                using (var store = SegmentaStore.Open(job.DatabasePath))
                {
                    Recommender.Save(store, result);
                }
                RecommendationOutputs.Write(result, job.RunFolder);
                return "Recommendations refreshed for the current segments.";
            });
    }

    private static string Describe(ClusteringAlgorithm algorithm) => SegmentationKinds.Of(algorithm).Id();
}
