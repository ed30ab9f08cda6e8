using System.Collections;
using System.Text;

namespace Segmenta.Recommending;

/// <summary>
/// Every customer's list, held compactly: one row of numbers per recommendation (customer, rank, product, score, method,
/// kind) and its reason as UTF-8 in large shared buffers; a <see cref="Recommendation"/> is made only when a row is
/// read. The lists of a 100M-line shop (913,919 customers × 10) took ≈ 3 GB as records with their reason strings; this
/// takes ≈ 40 % of it, and the writers (store table, recommendations.csv) read it row by row.
/// </summary>
internal sealed class RecommendationList : IReadOnlyList<Recommendation>
{
    private const int ChunkBytes = 1 << 22;
    private readonly string[] _customerIds;
    private readonly string[] _stockCodes;
    private readonly string[] _descriptions;
    private readonly List<byte[]> _chunks = [];
    private int[] _customer = [];
    private int[] _rank = [];
    private int[] _product = [];
    private double[] _score = [];
    private byte[] _method = [];
    private byte[] _kind = [];
    private int[] _reasonChunk = [];
    private int[] _reasonStart = [];
    private int[] _reasonLength = [];
    private int _used;

    public RecommendationList(string[] customerIds, string[] stockCodes, string[] descriptions, int capacity)
    {
        (_customerIds, _stockCodes, _descriptions) = (customerIds, stockCodes, descriptions);
        Resize(Math.Max(0, capacity));
    }

    public int Count { get; private set; }

    public Recommendation this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var p = _product[index];
            var reason = Encoding.UTF8.GetString(_chunks[_reasonChunk[index]], _reasonStart[index], _reasonLength[index]);
            return new Recommendation(_customerIds[_customer[index]], _rank[index], _stockCodes[p], _descriptions[p], _score[index],
                (RecommendationMethod)_method[index], reason, (RecommendationKind)_kind[index]);
        }
    }

    /// <summary>Appends one row: <paramref name="customer"/> and <paramref name="product"/> index the names this list was made with.</summary>
    public void Add(int customer, int rank, int product, double score, RecommendationMethod method, string reason, RecommendationKind kind)
    {
        if (Count == _customer.Length)
        {
            Resize(Math.Max(16, Count * 2));
        }
        var bytes = Encoding.UTF8.GetByteCount(reason);
        if (_chunks.Count == 0 || _used + bytes > _chunks[^1].Length)
        {
            _chunks.Add(new byte[Math.Max(ChunkBytes, bytes)]);
            _used = 0;
        }
        var chunk = _chunks.Count - 1;
        Encoding.UTF8.GetBytes(reason, _chunks[chunk].AsSpan(_used, bytes));
        var i = Count++;
        (_customer[i], _rank[i], _product[i], _score[i], _method[i], _kind[i]) = (customer, rank, product, score, (byte)method, (byte)kind);
        (_reasonChunk[i], _reasonStart[i], _reasonLength[i]) = (chunk, _used, bytes);
        _used += bytes;
    }

    public IEnumerator<Recommendation> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Resize(int capacity)
    {
        Array.Resize(ref _customer, capacity);
        Array.Resize(ref _rank, capacity);
        Array.Resize(ref _product, capacity);
        Array.Resize(ref _score, capacity);
        Array.Resize(ref _method, capacity);
        Array.Resize(ref _kind, capacity);
        Array.Resize(ref _reasonChunk, capacity);
        Array.Resize(ref _reasonStart, capacity);
        Array.Resize(ref _reasonLength, capacity);
    }
}
