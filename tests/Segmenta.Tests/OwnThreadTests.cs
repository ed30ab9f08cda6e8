namespace Segmenta.Tests;

/// <summary>Work beside its caller runs on a thread of its own, outside the thread pool (decision 92).</summary>
public class OwnThreadTests
{
    [Fact]
    public async Task Work_on_its_own_thread_runs_outside_the_pool_even_when_a_pool_worker_waits_for_it()
    {
        // A pool worker that starts a pool task and waits for it may run it inline; the stage's final fit and the files
        // written beside the store's tables must neither hold a worker nor run on the thread that waits for them.
        var (waiter, worker, onPool) = await Task.Run(() =>
        {
            var task = OwnThread.Start(() => (Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));
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

        await OwnThread.Start(() => onPool = Thread.CurrentThread.IsThreadPoolThread);

        Assert.False(onPool);
    }
}
