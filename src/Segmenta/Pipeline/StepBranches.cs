using System.Runtime.ExceptionServices;
using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>
/// Runs the steps of a run that do not depend on each other at the same time: each step on its own thread and its own
/// DuckDB connection to the store (connections are not thread-safe; several on one database are), waiting for the
/// steps whose tables it reads. Every step writes only its own stage's tables, so the store ends as the steps run one
/// after another leave it, whatever the timing.
/// <para>
/// Each step has its place in the run order (<c>order</c>, the order they run in one after another; a step's
/// prerequisites come before it). Not concurrent, each step runs at once on the caller's connection, in that order, and
/// a failure stops the run there as it always did. Concurrent, <see cref="Join"/> waits for every step (none is left
/// running on a connection) and then throws the failure of the earliest step in run order: the one a run step by step
/// would have stopped at. A cancellation interrupts the statement of every connection.
/// </para>
/// </summary>
internal sealed class StepBranches(SegmentaStore store, bool concurrent, CancellationToken cancellation)
{
    private readonly List<(int Order, Task Task)> _steps = [];

    /// <summary>Starts a step once its <paramref name="after"/> steps have succeeded (they come before it in run order).</summary>
    public Task<T> Start<T>(int order, Func<SegmentaStore, T> work, params Task[] after)
    {
        if (_steps.Count > 0 && _steps[^1].Order >= order)
        {
            throw new InvalidOperationException($"Step {order} was started after step {_steps[^1].Order}: start them in run order.");
        }
        if (!concurrent)
        {
            // One after another: the prerequisites already ran (a failure would have stopped the run).
            var done = Task.FromResult(work(store));
            _steps.Add((order, done));
            return done;
        }
        var task = OwnThread.Start(() =>
        {
            foreach (var prerequisite in after)
            {
                // Rethrows the prerequisite's own failure: this step did not run, and Join reports the earlier step.
                prerequisite.GetAwaiter().GetResult();
            }
            using var connection = store.Duplicate();
            using var interrupt = cancellation.Register(connection.Interrupt);
            cancellation.ThrowIfCancellationRequested();
            return work(connection);
        });
        _steps.Add((order, task));
        return task;
    }

    /// <summary>
    /// Waits for every step started; then throws the failure of the earliest failed step in run order, if any. Called
    /// in a finally block with the exception the caller's own work threw, it still waits (so no step outlives the
    /// store) and leaves that exception to propagate.
    /// </summary>
    public void Join(bool callerFailed = false)
    {
        foreach (var (_, task) in _steps)
        {
            try
            {
                task.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Collected below, in run order.
            }
        }
        if (callerFailed)
        {
            return;
        }
        foreach (var (_, task) in _steps.OrderBy(s => s.Order))
        {
            if (task.Exception is { } failure)
            {
                ExceptionDispatchInfo.Capture(failure.InnerExceptions[0]).Throw();
            }
        }
    }

    /// <summary>The result of a step that has succeeded (after <see cref="Join"/>).</summary>
    public static T Result<T>(Task<T> step) => step.GetAwaiter().GetResult();
}
