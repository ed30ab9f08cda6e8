using Segmenta.Pipeline;
using Segmenta.Recommending;

namespace Segmenta.Web;

/// <summary>
/// After a dashboard re-run of the segmentation, recommendations are recomputed in the background (they take seconds
/// and only a few lists depend on the segments: segment best-sellers, the blend, cold starts), so the new segments show
/// at once. The lists are computed under the read lock (pages keep loading and read the previous lists) and swapped
/// in under the write lock.
/// Disposal waits for a running refresh, so the database is never closed under it.
/// </summary>
public sealed class RecommendationRefresher(StoreAccess store, ILogger<RecommendationRefresher> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;
    private bool _again;

    /// <summary>True while a refresh is queued or running.</summary>
    public bool Pending { get; private set; }

    /// <summary>Queues a refresh; refreshes asked for while one runs are merged into one more run.</summary>
    public void Schedule(string outputDirectory)
    {
        lock (_gate)
        {
            Pending = true;
            if (!_running.IsCompleted)
            {
                _again = true;
                return;
            }
            _running = Task.Run(() => Loop(outputDirectory));
        }
    }

    private void Loop(string outputDirectory)
    {
        while (true)
        {
            try
            {
                // Computed beside readers (pages keep loading); only swapping the tables in takes the write lock.
                // The recommendation options of the stored run (--top, --cutoff, --mode, seed), not the defaults.
                var result = store.Read(s => Recommender.Compute(s, RunLog.LastOptions(s)?.Recommendation ?? Recommender.StoredOptions(s) ?? new RecommendationOptions()));
                store.Write(s =>
                {
                    Recommender.Save(s, result);
                    return RecommendationOutputs.Write(result, outputDirectory);
                });
            }
            catch (SegmentaException e)
            {
                logger.LogWarning("Recommendations were not refreshed: {Reason}", e.Message);
            }
            lock (_gate)
            {
                if (!_again)
                {
                    Pending = false;
                    return;
                }
                _again = false;
            }
        }
    }

    public async ValueTask DisposeAsync() => await _running.ConfigureAwait(false);
}
