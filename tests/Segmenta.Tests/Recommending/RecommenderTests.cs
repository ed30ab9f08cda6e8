using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

/// <summary>The stage's work beside its own thread runs outside the thread pool (decision 92).</summary>
public class RecommenderTests
{
    [Fact]
    public async Task Work_on_its_own_thread_runs_outside_the_pool_even_when_a_pool_worker_waits_for_it()
    {
        // A pool worker that starts a pool task and waits for it may run it inline; the stage's final fit and the files
        // written beside the store's tables must neither hold a worker nor run on the thread that waits for them.
        var (waiter, worker, onPool) = await Task.Run(() =>
        {
            var task = Recommender.OnOwnThread(() => (Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));
            var (id, pool) = task.GetAwaiter().GetResult();
            return (Environment.CurrentManagedThreadId, id, pool);
        });

        Assert.NotEqual(waiter, worker);
        Assert.False(onPool);
    }

    [Fact]
    public async Task Work_on_its_own_thread_without_a_result_runs_outside_the_pool()
    {
        var onPool = true;

        await Recommender.OnOwnThread(() => onPool = Thread.CurrentThread.IsThreadPoolThread);

        Assert.False(onPool);
    }
}
