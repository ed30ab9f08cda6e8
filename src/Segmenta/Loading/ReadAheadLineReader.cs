using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Segmenta.Loading;

/// <summary>
/// Hands out the lines of another reader, read on a thread of its own a few batches ahead: decompressing, decoding and
/// cutting the text at line ends happen there, beside the parsing thread. An import runs two threads (parsing, and
/// writing to DuckDB, <see cref="ParallelLineReader"/>), and on the shared data the parsing thread was the slower by
/// about twice, leaving the writing thread's core half idle; reading the lines was a fifth of the parsing thread's
/// work (docs/benchmarks.md, session 13, quick helper). The lines come in the order the inner reader gives them,
/// and an error of the inner reader (an invalid byte for the encoding, a truncated .gz) is thrown by the
/// <see cref="ReadLine"/> call that reaches it, after every line before it, so that what the caller sees is what the
/// inner reader alone gives. Only <see cref="ReadLine"/> is supported.
/// </summary>
internal sealed class ReadAheadLineReader : TextReader
{
    /// <summary>Lines handed over at a time.</summary>
    internal const int LinesPerBatch = 4_096;

    /// <summary>Batches read ahead at most: a few MB of text, whatever the file's size.</summary>
    internal const int BatchesAhead = 16;

    private readonly TextReader _inner;
    private readonly BlockingCollection<Batch> _batches = new(BatchesAhead);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private Batch _current = new([], 0, null);
    private int _next;
    private bool _disposed;

    internal ReadAheadLineReader(TextReader inner)
    {
        _inner = inner;
        _reading = OwnThread.Start(ReadAhead);
    }

    public override string? ReadLine()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_next == _current.Count)
        {
            _current.Failure?.Throw();
            if (!_batches.TryTake(out var batch, Timeout.Infinite))
            {
                return null; // the inner reader's end, every line handed out
            }
            (_current, _next) = (batch, 0);
        }
        return _current.Lines[_next++];
    }

    public override int Read() => throw new NotSupportedException($"{nameof(ReadAheadLineReader)} hands out whole lines only: use ReadLine.");

    public override int Peek() => throw new NotSupportedException($"{nameof(ReadAheadLineReader)} hands out whole lines only: use ReadLine.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            // The reading thread may wait for room in the queue: stop it before the inner reader goes.
            _stop.Cancel();
            _reading.Wait(CancellationToken.None);
            _inner.Dispose();
            _batches.Dispose();
            _stop.Dispose();
        }
        base.Dispose(disposing);
    }

    private void ReadAhead()
    {
        try
        {
            while (true)
            {
                var lines = new string[LinesPerBatch];
                var count = 0;
                ExceptionDispatchInfo? failure = null;
                try
                {
                    while (count < lines.Length && _inner.ReadLine() is { } line)
                    {
                        lines[count++] = line;
                    }
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                _batches.Add(new Batch(lines, count, failure), _stop.Token);
                if (failure is not null || count < lines.Length)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The caller stopped reading (disposed before the end).
        }
        finally
        {
            _batches.CompleteAdding();
        }
    }

    /// <summary>Lines read in order; <paramref name="Failure"/> is the inner reader's error that came after them.</summary>
    private sealed record Batch(string[] Lines, int Count, ExceptionDispatchInfo? Failure);
}
