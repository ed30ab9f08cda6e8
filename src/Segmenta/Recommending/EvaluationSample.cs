namespace Segmenta.Recommending;

/// <summary>
/// The customers the offline evaluation judges when more are eligible than <see cref="RecommendationOptions.EvaluationCustomers"/>:
/// those whose id hashes lowest with the seed. The choice depends only on the ids and the seed, never on line order or
/// customer numbering, so the same data gives the same sample; a customer in the sample of a big base stays in it when
/// other customers are added or removed, unless one with a lower hash comes in.
/// </summary>
internal static class EvaluationSample
{
    /// <summary>
    /// <paramref name="eligible"/> (customer indexes, ascending) when at most <paramref name="limit"/> (or limit 0);
    /// otherwise the <paramref name="limit"/> of them with the lowest hash of id and seed, ascending.
    /// </summary>
    internal static int[] Take(int[] eligible, string[] customerIds, int limit, int seed)
    {
        if (limit == 0 || eligible.Length <= limit)
        {
            return eligible;
        }
        var ranked = eligible.Select(c => (Hash: Hash(customerIds[c], seed), Customer: c)).ToArray();
        // Ties of the 64-bit hash (practically never) are broken by the id itself, so the sample stays a function of the ids.
        Array.Sort(ranked, (a, b) =>
        {
            var byHash = a.Hash.CompareTo(b.Hash);
            return byHash != 0 ? byHash : string.CompareOrdinal(customerIds[a.Customer], customerIds[b.Customer]);
        });
        var taken = ranked[..limit].Select(r => r.Customer).ToArray();
        Array.Sort(taken);
        return taken;
    }

    /// <summary>FNV-1a over the id's UTF-16 code units, started from the seed and finished with SplitMix64's mixer.</summary>
    internal static ulong Hash(string id, int seed)
    {
        var h = 14695981039346656037UL ^ (ulong)(uint)seed;
        foreach (var c in id)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }
}
