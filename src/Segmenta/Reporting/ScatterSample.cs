namespace Segmenta.Reporting;

/// <summary>
/// Which customers a scatter plot draws when there are more than it can show usefully: at most <see cref="Limit"/>,
/// those with the smallest 64-bit FNV-1a hash of their customer id (ties by id), so the sample is the same whatever the
/// order of the lines and is spread over every segment in proportion to its size. Below the limit every customer is drawn.
/// </summary>
internal static class ScatterSample
{
    /// <summary>Points drawn at most (the shared data's 4,333 customers are all drawn; 10M lines have ~92,000).</summary>
    internal const int Limit = 10_000;

    /// <summary>For each id, whether its point is drawn.</summary>
    internal static bool[] Keep(IReadOnlyList<string> customerIds, int limit = Limit)
    {
        var keep = new bool[customerIds.Count];
        if (customerIds.Count <= limit)
        {
            Array.Fill(keep, true);
            return keep;
        }
        var order = Enumerable.Range(0, customerIds.Count).Select(i => (Hash: Fnv1a(customerIds[i]), Index: i)).ToArray();
        Array.Sort(order, (a, b) => a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : string.CompareOrdinal(customerIds[a.Index], customerIds[b.Index]));
        for (var i = 0; i < limit; i++)
        {
            keep[order[i].Index] = true;
        }
        return keep;
    }

    /// <summary>64-bit FNV-1a over the UTF-16 code units: fixed across runs and platforms, unlike string.GetHashCode.</summary>
    internal static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
