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
    /// Rows in one DuckDB row group. With write_buffer_row_group_count = 1 (<see cref="Importer"/>) DuckDB compresses and
    /// writes a full row group when an append starts the next one, so the appender is flushed once per row group, right
    /// after the chunk that holds the next group's first rows: each full group is then written by this thread while the
    /// parsing goes on. Until session 15 the flush came every 60 chunks, exactly one group, and so ended on a group's last
    /// row: each group was written by the flush after it, and the last full one by the closing flush after the parsing,
    /// which with the partial last group left this thread alone with a third of the shared data's rows (173,269 of
    /// 541,909) once the parsing was done (perf samples of `segmenta import`, decision 87). Now only the partial last
    /// group is left for the commit. Flushing more often (every 8 chunks) did the same but cost more system time at 1M
    /// lines. DuckDB's appender alone flushes every 100 chunks.
    /// </summary>
    internal const int RowGroupRows = 122_880;

    private readonly DuckDBConnection _connection;
    private readonly int _importId;
    private readonly NativeAppender _lines;
    private readonly DuckDBLogicalType[] _types;
    private DuckDB.NET.Data.DuckDBAppender? _quarantine;
    private bool _closed;
    private long _groupOfLastFlush;

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
        // The group of the last row appended: a later one than at the last flush means this flush starts a new group.
        var group = (Loaded - 1) / RowGroupRows;
        if (group > _groupOfLastFlush)
        {
            Check(NativeMethods.Appender.DuckDBAppenderFlush(_lines), "write");
            _groupOfLastFlush = group;
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
