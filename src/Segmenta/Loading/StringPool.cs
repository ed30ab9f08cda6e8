namespace Segmenta.Loading;

/// <summary>
/// Reuses one string instance for repeated values (products, countries, customers), so a million lines
/// of a few thousand distinct values allocate a few thousand strings.
/// </summary>
internal sealed class StringPool
{
    internal const int MaxPooledLength = 64;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    internal string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxPooledLength)
        {
            return text.ToString();
        }
        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }
        var value = text.ToString();
        _lookup.Dictionary[value] = value;
        return value;
    }

    internal string Get(string text) => Get(text.AsSpan());
}
