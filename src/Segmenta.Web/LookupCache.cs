using Segmenta.Pipeline;
using Segmenta.Recommending;

namespace Segmenta.Web;

/// <summary>
/// Customers and their recommendations held in memory for the API's point lookups (a DuckDB query per lookup costs
/// milliseconds of planning; a dictionary costs microseconds). Rebuilt on first use after every write (re-run, upload).
/// </summary>
public sealed class LookupCache(StoreAccess store)
{
    private Snapshot? _snapshot;

    private sealed record Snapshot(long Version, IReadOnlyDictionary<string, CustomerRecord> Customers, IReadOnlyDictionary<string, IReadOnlyList<RecommendationRecord>> Recommendations);

    /// <summary>The customer, or null when the id is unknown.</summary>
    public CustomerRecord? Customer(string id) => Current().Customers.GetValueOrDefault(id);

    /// <summary>The customer's first <paramref name="top"/> recommendations (empty when none are stored).</summary>
    public IReadOnlyList<RecommendationRecord> Recommendations(string id, int top) =>
        Current().Recommendations.TryGetValue(id, out var list) ? [.. list.Take(top)] : [];

    private Snapshot Current()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var version = store.Version;
        if (snapshot is not null && snapshot.Version == version)
        {
            return snapshot;
        }
        // Built under the read lock, so it never mixes results from before and after a write.
        snapshot = store.Read(s => new Snapshot(version, StoredResults.AllCustomers(s), StoredResults.AllRecommendations(s)));
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot;
    }
}
