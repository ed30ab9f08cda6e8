using System.Text;
using DuckDB.NET.Native;

namespace Segmenta.Loading;

/// <summary>
/// One DuckDB data chunk of raw_lines rows, filled on the parsing thread straight into the engine's column vectors
/// (the conversion DuckDB.NET's appender would do per value on the writing thread), so that the writing thread only
/// hands whole chunks to the engine. Values are written exactly as the appender writes them: decimals scaled to
/// their 4 places and truncated, timestamps in microseconds since 1970, text as UTF-8 (a text of at most 12 bytes
/// inline, zero-padded, as DuckDB stores it; a longer one copied into the chunk's own string heap).
/// </summary>
internal sealed unsafe class LineChunk : IDisposable
{
    /// <summary>DuckDB's vector size: the rows one chunk holds.</summary>
    internal const int Capacity = 2048;

    // raw_lines' columns, in table order (Store/schema.sql).
    private const int ImportId = 0, LineNumber = 1, Invoice = 2, Product = 3, Description = 4, Quantity = 5, Date = 6,
        UnitPrice = 7, Amount = 8, Customer = 9, Country = 10, Category = 11, Columns = 12;
    private const int StringSize = 16, InlineLength = 12;
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private readonly DuckDBDataChunk _chunk;
    private readonly int _importId;
    private readonly IntPtr[] _vectors = new IntPtr[Columns];
    private readonly IntPtr[] _data = new IntPtr[Columns];
    private readonly IntPtr[] _validity = new IntPtr[Columns];
    // The text each column had on the previous row of this chunk: an equal reference reuses its 16-byte entry (a long
    // text's entry points into this chunk's heap, which lives until the chunk is reset).
    private readonly string?[] _previous = new string?[Columns];
    private byte[] _utf8 = new byte[256];

    internal LineChunk(IntPtr[] logicalTypes, int importId)
    {
        _chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(logicalTypes, (ulong)logicalTypes.Length);
        _importId = importId;
        Reset();
    }

    internal int Count { get; private set; }

    internal bool IsFull => Count == Capacity;

    /// <summary>Writes <paramref name="line"/> as the next row.</summary>
    internal void Add(in TransactionLine line)
    {
        var row = Count;
        ((int*)_data[ImportId])[row] = _importId;
        ((long*)_data[LineNumber])[row] = line.LineNumber;
        Text(Invoice, row, line.Invoice);
        Text(Product, row, line.Product);
        Text(Description, row, line.Description);
        Number(Quantity, row, line.Quantity);
        ((long*)_data[Date])[row] = (line.Date.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMicrosecond;
        Number(UnitPrice, row, line.UnitPrice);
        Number(Amount, row, line.Amount);
        Text(Customer, row, line.Customer);
        Text(Country, row, line.Country);
        Text(Category, row, line.Category);
        Count = row + 1;
    }

    /// <summary>The native chunk with its row count set, to hand to the engine.</summary>
    internal DuckDBDataChunk Sealed()
    {
        NativeMethods.DataChunks.DuckDBDataChunkSetSize(_chunk, (ulong)Count);
        return _chunk;
    }

    /// <summary>Empties the chunk for reuse (the engine copied its rows when it was appended).</summary>
    internal void Reset()
    {
        NativeMethods.DataChunks.DuckDBDataChunkReset(_chunk);
        for (var column = 0; column < Columns; column++)
        {
            _vectors[column] = NativeMethods.DataChunks.DuckDBDataChunkGetVector(_chunk, column);
            _data[column] = (IntPtr)NativeMethods.Vectors.DuckDBVectorGetData(_vectors[column]);
            _validity[column] = IntPtr.Zero;
            _previous[column] = null;
        }
        Count = 0;
    }

    private void Number(int column, int row, decimal? value)
    {
        if (value is { } number)
        {
            // As DuckDB.NET's appender writes a DECIMAL(18,4): the value times 10^4, truncated to a whole number.
            ((long*)_data[column])[row] = (long)decimal.Multiply(number, 10_000m);
        }
        else
        {
            ((long*)_data[column])[row] = 0;
            Null(column, row);
        }
    }

    private void Text(int column, int row, string? value)
    {
        var entry = (byte*)_data[column] + (row * StringSize);
        if (value is null)
        {
            new Span<byte>(entry, StringSize).Clear();
            Null(column, row);
            _previous[column] = null;
            return;
        }
        if (row > 0 && ReferenceEquals(value, _previous[column]))
        {
            Buffer.MemoryCopy(entry - StringSize, entry, StringSize, StringSize);
            return;
        }
        _previous[column] = value;
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }
        var length = Encoding.UTF8.GetBytes(value, _utf8);
        if (length <= InlineLength)
        {
            // duckdb_string_t inlined: 4-byte length, then up to 12 bytes of text, the rest zero.
            *(uint*)entry = (uint)length;
            new Span<byte>(entry + 4, InlineLength).Clear();
            _utf8.AsSpan(0, length).CopyTo(new Span<byte>(entry + 4, InlineLength));
            return;
        }
        fixed (byte* text = _utf8)
        {
            // The text is valid UTF-8 (encoded from a .NET string), so the engine's check is skipped.
            NativeMethods.Vectors.DuckDBUnsafeVectorAssignStringElementLength(_vectors[column], (ulong)row, text, length);
        }
    }

    private void Null(int column, int row)
    {
        if (_validity[column] == IntPtr.Zero)
        {
            NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(_vectors[column]);
            _validity[column] = (IntPtr)NativeMethods.Vectors.DuckDBVectorGetValidity(_vectors[column]);
        }
        var mask = (ulong*)_validity[column];
        mask[row >> 6] &= ~(1UL << (row & 63));
    }

    public void Dispose() => _chunk.Dispose();
}
