namespace Segmenta;

/// <summary>
/// Work started on a thread of its own, outside the thread pool. Work that runs beside its caller for a second or more,
/// or waits there (a reader feeding a writer, a connection's statements, a fit sharing state with the evaluation), must
/// not hold one of the pool's workers: on two cores the pool starts with two, the stages' parallel loops need them, and
/// the pool adds one only after ≈ 0.5-1 s of starvation (one run in two of the recommendations' evaluation took 1.8 s
/// instead of 0.9, decision 92). The thread is not the pool's, so waiting on the task never runs the work inline on the
/// waiter.
/// </summary>
internal static class OwnThread
{
    /// <summary>Starts <paramref name="work"/> on a thread of its own; the task gives its result.</summary>
    internal static Task<T> Start<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Starts <paramref name="work"/> on a thread of its own.</summary>
    internal static Task Start(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
