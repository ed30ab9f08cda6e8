using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Segmenta.Loading;

/// <summary>
/// Parses on a background thread while the caller writes to the database: on two cores this overlaps the two
/// halves of an import. Batches are recycled, so memory stays at a few batches whatever the file size.
/// Exceptions of the parsing thread (including <see cref="RestartImport"/>) surface on the caller's thread.
/// </summary>
internal static class ParallelLineReader
{
    private const int BatchesInFlight = 8;

    internal static void Run(Func<LineBatch> create, Action<Func<LineBatch>, Action<LineBatch>> produce, Action<LineBatch> consume)
    {
        using var full = new BlockingCollection<LineBatch>(BatchesInFlight);
        using var free = new BlockingCollection<LineBatch>(BatchesInFlight + 2);
        var batches = Enumerable.Range(0, BatchesInFlight + 2).Select(_ => create()).ToList();
        try
        {
            foreach (var batch in batches)
            {
                free.Add(batch);
            }
            Exchange(full, free, produce, consume);
        }
        finally
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }
    }

    private static void Exchange(
        BlockingCollection<LineBatch> full, BlockingCollection<LineBatch> free, Action<Func<LineBatch>, Action<LineBatch>> produce, Action<LineBatch> consume)
    {
        using var stop = new CancellationTokenSource();
        Exception? producerError = null;
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                produce(() => free.Take(stop.Token), batch => full.Add(batch, stop.Token));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // the writer failed; its exception is the one that matters
            }
            catch (Exception e)
            {
                producerError = e;
            }
            finally
            {
                full.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            foreach (var batch in full.GetConsumingEnumerable())
            {
                consume(batch);
                batch.Clear();
                free.Add(batch);
            }
        }
        catch
        {
            stop.Cancel();
            producer.Wait();
            throw;
        }
        producer.Wait();
        if (producerError is not null)
        {
            ExceptionDispatchInfo.Capture(producerError).Throw();
        }
    }
}
