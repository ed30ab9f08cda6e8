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
    // DuckDB's appender keeps what it is given and writes it into the table every 100 chunks (204,800 rows): that flush
    // (copying into the table's row groups and compressing the full ones) is nearly all of the writing thread's work, a
    // few tenths of a second each. With only 8 batches in flight the parsing thread stopped 16,384 lines into every flush,
    // so on two free cores the halves took turns instead of overlapping (10M lines: 32.9 s wall for 36.2 s CPU). 128
    // batches (about 50 MB) let it parse a whole flush's worth ahead (docs/benchmarks.md, session 10 front).
    internal const int BatchesInFlight = 128;

    internal static void Run(Func<LineBatch> create, Action<Func<LineBatch>, Action<LineBatch>> produce, Action<LineBatch> consume)
    {
        using var full = new BlockingCollection<LineBatch>(BatchesInFlight);
        using var free = new BlockingCollection<LineBatch>(BatchesInFlight + 2);
        // Made by the parsing thread as it needs them, not all before it starts: 130 native chunks (about 40 MB of vectors)
        // were made and touched on the calling thread while nothing else ran (decision 87). Read by this thread only
        // after the parsing thread has ended (Exchange waits for it on every path).
        var batches = new List<LineBatch>();
        try
        {
            Exchange(full, free, produce, consume, stop =>
            {
                if (free.TryTake(out var batch))
                {
                    return batch;
                }
                if (batches.Count < BatchesInFlight + 2)
                {
                    batches.Add(create());
                    return batches[^1];
                }
                return free.Take(stop);
            });
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
        BlockingCollection<LineBatch> full, BlockingCollection<LineBatch> free, Action<Func<LineBatch>, Action<LineBatch>> produce, Action<LineBatch> consume,
        Func<CancellationToken, LineBatch> take)
    {
        using var stop = new CancellationTokenSource();
        Exception? producerError = null;
        var producer = OwnThread.Start(() =>
        {
            try
            {
                produce(() => take(stop.Token), batch => full.Add(batch, stop.Token));
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
        });

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
