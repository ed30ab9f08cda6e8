using Segmenta.Recommending;
using Segmenta.Segmentation;

namespace Segmenta.Web;

/// <summary>
/// Customers and their recommendations held in memory for the API's point lookups (a DuckDB query per lookup costs
/// milliseconds of planning; a dictionary costs microseconds). Built from each new snapshot before it is served.
/// </summary>
public sealed class LookupCache
{
    private readonly StoreAccess _store;
    private Snapshot? _snapshot;
    private Snapshot? _next;

    /// <summary>Follows the store: the lookups of a new snapshot are built before it is swapped in, so no request waits for them.</summary>
    public LookupCache(StoreAccess store)
    {
        _store = store;
        store.Preparing += (next, version) => Volatile.Write(ref _next, Build(next, version));
    }

    private sealed record Snapshot(long Version, IReadOnlyDictionary<string, CustomerRecord> Customers, IReadOnlyDictionary<string, IReadOnlyList<RecommendationRecord>> Recommendations);

    /// <summary>The customer, or null when the id is unknown.</summary>
    public CustomerRecord? Customer(string id) => Current().Customers.GetValueOrDefault(id);

    /// <summary>The customer's first <paramref name="top"/> recommendations (empty when none are stored).</summary>
    public IReadOnlyList<RecommendationRecord> Recommendations(string id, int top) =>
        Current().Recommendations.TryGetValue(id, out var list) ? [.. list.Take(top)] : [];

    private Snapshot Current()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var version = _store.Version;
        if (snapshot is not null && snapshot.Version == version)
        {
            return snapshot;
        }
        if (Volatile.Read(ref _next) is { } next && next.Version == version)
        {
            Volatile.Write(ref _snapshot, next);
            return next;
        }
        // Built under the read lock, so it never mixes results from before and after a write.
        snapshot = _store.Read(s => Build(s, version));
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot;
    }

    private static Snapshot Build(Store.SegmentaStore store, long version) => new(version, StoredCustomers.All(store), StoredRecommendations.All(store));
}
