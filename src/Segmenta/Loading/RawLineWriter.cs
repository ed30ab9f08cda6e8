using DuckDB.NET.Data;
using DuckDB.NET.Native;
using NativeAppender = DuckDB.NET.Native.DuckDBAppender;

namespace Segmenta.Loading;

/// <summary>
/// Appends typed lines to raw_lines (whole chunks filled on the parsing thread, <see cref="LineChunk"/>) and bad lines
/// to quarantine, inside the import's transaction.
/// </summary>
internal sealed class RawLineWriter : IDisposable
{
    /// <summary>
    /// Chunks the appender holds before it hands them to the table (16,384 rows). With write_buffer_row_group_count = 1
    /// (<see cref="Importer"/>) DuckDB compresses and writes a full row group (122,880 rows) when an append starts the next
    /// one, on this thread while the parsing goes on, instead of leaving up to five for the commit after the parsing.
    /// Flushed every 60 chunks (one row group, session 13), each flush ended exactly on a row group's last row, so the
    /// group was written only by the next flush: the last full row group waited for the closing flush, and the import's
    /// tail on this thread alone, after the parsing, compressed it and the partial last group (the shared data: 173,269
    /// rows, a third of the file; perf samples of `segmenta import`, decision 87). Flushed every 8 chunks, the last full
    /// group is written at most 16,384 rows after it fills, while the parsing goes on, and only the partial last group is
    /// left for the commit. DuckDB's appender alone flushes every 100 chunks.
    /// </summary>
    internal const int ChunksPerFlush = 8;

    private readonly DuckDBConnection _connection;
    private readonly int _importId;
    private readonly NativeAppender _lines;
    private readonly DuckDBLogicalType[] _types;
    private DuckDB.NET.Data.DuckDBAppender? _quarantine;
    private bool _closed;
    private int _chunksUnflushed;

    internal RawLineWriter(DuckDBConnection connection, int importId)
    {
        (_connection, _importId) = (connection, importId);
        Check(NativeMethods.Appender.DuckDBAppenderCreate(connection.NativeConnection, null, "raw_lines", out _lines), "open");
        _types = new DuckDBLogicalType[NativeMethods.Appender.DuckDBAppenderColumnCount(_lines)];
        for (var column = 0; column < _types.Length; column++)
        {
            _types[column] = NativeMethods.Appender.DuckDBAppenderColumnType(_lines, (ulong)column);
        }
    }

    internal long Loaded { get; private set; }

    internal long Quarantined { get; private set; }

    /// <summary>A new empty batch whose chunk has raw_lines' column types.</summary>
    internal LineBatch NewBatch() => new(new LineChunk([.. _types.Select(t => t.DangerousGetHandle())], _importId));

    internal void Append(LineChunk chunk)
    {
        if (chunk.Count == 0)
        {
            return;
        }
        Check(NativeMethods.Appender.DuckDBAppendDataChunk(_lines, chunk.Sealed()), "append to");
        Loaded += chunk.Count;
        if (++_chunksUnflushed == ChunksPerFlush)
        {
            Check(NativeMethods.Appender.DuckDBAppenderFlush(_lines), "write");
            _chunksUnflushed = 0;
        }
    }

    internal void Quarantine(long lineNumber, string reason, string rawText)
    {
        _quarantine ??= _connection.CreateAppender("quarantine");
        _quarantine.CreateRow()
            .AppendValue(_importId)
            .AppendValue(lineNumber)
            .AppendValue(reason)
            .AppendValue(rawText)
            .EndRow();
        Quarantined++;
    }

    /// <summary>Flushes what is buffered into the tables (errors surface here rather than in Dispose).</summary>
    internal void Complete()
    {
        _closed = true;
        Check(NativeMethods.Appender.DuckDBAppenderClose(_lines), "write");
        _quarantine?.Close();
    }

    public void Dispose()
    {
        if (!_closed)
        {
            // An import that failed: what was buffered is dropped with the transaction's rollback.
            NativeMethods.Appender.DuckDBAppenderClear(_lines);
        }
        _lines.Dispose();
        foreach (var type in _types)
        {
            type.Dispose();
        }
        _quarantine?.Dispose();
    }

    private void Check(DuckDBState state, string what)
    {
        if (state != DuckDBState.Success)
        {
            using var error = NativeMethods.Appender.DuckDBAppenderErrorData(_lines);
            throw new InvalidOperationException($"Could not {what} raw_lines: {NativeMethods.ErrorData.DuckDBErrorDataMessage(error)}");
        }
    }
}
