namespace Segmenta.Store;

/// <summary>What the store holds, in a line: lines loaded, customers computed and the start of the last run.</summary>
/// <param name="Lines">Lines in <c>raw_lines</c> (every import).</param>
/// <param name="Customers">Rows of the customers table (0 before the first analysis).</param>
/// <param name="LastRun">When the last command run against the store started; null before the first.</param>
public sealed record StoreHealth(long Lines, long Customers, DateTime? LastRun)
{
    /// <summary>Counts the permanent tables of <c>schema.sql</c> and the customers table when it exists.</summary>
    public static StoreHealth Read(SegmentaStore store) => new(
        store.Scalar<long>("SELECT count(*) FROM raw_lines"),
        store.HasTable("customers") ? store.Scalar<long>("SELECT count(*) FROM customers") : 0,
        store.Scalar<DateTime?>("SELECT max(started_at) FROM runs"));
}
