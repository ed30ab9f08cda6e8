using System.Runtime.InteropServices;
using System.Text;

namespace Segmenta.Loading;

/// <summary>
/// DuckDB's 16-byte string entries of an import's pooled texts (product codes, descriptions, customers, countries,
/// categories: one string instance per distinct value, <see cref="StringPool"/>), each made once and then copied into
/// every row that holds that instance. Without it every row encoded its texts to UTF-8 again, and each text longer than
/// 12 bytes (most descriptions, "United Kingdom") was copied into the chunk's string heap by a native call (DuckDB's
/// <c>StringHeap::AddBlob</c> and <c>EmptyString</c> were the parsing thread's largest native samples; decision 87). A long
/// text's entry points into native memory owned here, which lives until the import's writer is disposed, after its last
/// append: DuckDB copies a chunk's texts when the chunk is appended. Used by the parsing thread only. Bounded: past
/// <see cref="MaxBytes"/> a text is written as before, so a file of millions of distinct long ids holds no more memory.
/// </summary>
internal sealed unsafe class PooledTextEntries : IDisposable
{
    /// <summary>The most native memory and table space the entries take (bytes, counted with a per-entry overhead).</summary>
    internal const long MaxBytes = 32L << 20;

    private const int EntrySize = 16, InlineLength = 12, BlockSize = 64 * 1024, EntryOverhead = 64;

    private readonly Dictionary<string, Entry> _entries = new(ReferenceEqualityComparer.Instance);
    private readonly List<IntPtr> _blocks = [];
    private byte* _next;
    private int _left;
    private long _bytes;

    internal int Count => _entries.Count;

    /// <summary>
    /// Writes the entry of <paramref name="value"/> (a pooled instance) at <paramref name="entry"/>; false when the
    /// entries are full and the caller writes the text itself.
    /// </summary>
    internal bool TryWrite(string value, byte* entry)
    {
        if (!_entries.TryGetValue(value, out var made))
        {
            if (_bytes >= MaxBytes || value.Length > StringPool.MaxPooledLength)
            {
                return false;
            }
            made = Make(value);
            _entries.Add(value, made);
        }
        *(Entry*)entry = made;
        return true;
    }

    private Entry Make(string value)
    {
        var made = default(Entry);
        var bytes = (byte*)&made;
        var length = Encoding.UTF8.GetByteCount(value);
        *(uint*)bytes = (uint)length;
        if (length <= InlineLength)
        {
            // Inlined, as DuckDB stores a short text: 4-byte length, the text, zeros to 16 bytes.
            Encoding.UTF8.GetBytes(value, new Span<byte>(bytes + 4, InlineLength));
        }
        else
        {
            // 4-byte length, the first 4 bytes of the text (DuckDB's prefix), a pointer to the whole text.
            var text = Allocate(length);
            Encoding.UTF8.GetBytes(value, new Span<byte>(text, length));
            *(uint*)(bytes + 4) = *(uint*)text;
            *(byte**)(bytes + 8) = text;
        }
        _bytes += length + EntryOverhead;
        return made;
    }

    private byte* Allocate(int length)
    {
        if (length > _left)
        {
            _next = (byte*)NativeMemory.Alloc(BlockSize);
            _blocks.Add((IntPtr)_next);
            _left = BlockSize;
        }
        var text = _next;
        _next += length;
        _left -= length;
        return text;
    }

    public void Dispose()
    {
        foreach (var block in _blocks)
        {
            NativeMemory.Free((void*)block);
        }
        _blocks.Clear();
        _entries.Clear();
        _left = 0;
    }

    [StructLayout(LayoutKind.Sequential, Size = EntrySize)]
    private struct Entry
    {
        private readonly ulong _low;
        private readonly ulong _high;
    }
}
