namespace Segmenta.Store;

/// <summary>
/// Which layout the store's analysis tables (cleaned lines, customers, segments, lifetime value, ...) have. Every run
/// that rebuilds them stamps the store with <see cref="Version"/>; every command that reads them from an existing
/// store first checks the stamp, so a database written by another version fails with one message saying what to do,
/// not with a SQL error in whichever stage reads a changed table first. The imported lines (the permanent tables of
/// <c>schema.sql</c>) are upgraded in place on open and never need a re-import.
/// </summary>
public static class AnalysisSchema
{
    /// <summary>
    /// The layout of the analysis tables. Bump it whenever a stage adds, removes, renames or retypes a column of a table
    /// it writes; the test <c>AnalysisSchemaTests</c> fails until the bump is made (it fingerprints the tables).
    /// </summary>
    public const int Version = 7;

    private const string Table = "analysis_schema";

    /// <summary>Records that the analysis tables were written by this version (after the run rebuilt the cleaned lines and customers).</summary>
    internal static void Stamp(SegmentaStore store) => store.Execute(
        $"CREATE OR REPLACE TABLE {Table} (version INTEGER NOT NULL); INSERT INTO {Table} VALUES ($version)", ("version", Version));

    /// <summary>The stamped version, or null when the store has analysis tables but no stamp (written before stamps existed).</summary>
    internal static int? Stamped(SegmentaStore store) =>
        store.HasTable(Table) ? store.Scalar<int>($"SELECT max(version) FROM {Table}") : null;

    /// <summary>
    /// Fails when the store at <paramref name="path"/> has no customers yet, or when its analysis tables were written by
    /// another version of Segmenta; says in both cases which command rebuilds them (the imported lines are kept).
    /// </summary>
    /// <exception cref="SegmentaException">No customers table, or another version's tables.</exception>
    public static void RequireCustomers(SegmentaStore store, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.HasTable("customers"))
        {
            throw new SegmentaException($"The database {path} has no customers yet. Run segmenta analyze FILE --db {path} first.");
        }
        RequireCurrent(store, path);
    }

    /// <summary>
    /// Fails when the store at <paramref name="path"/> holds analysis tables written by another version of Segmenta;
    /// a store without analysis tables (only imported lines) passes.
    /// </summary>
    /// <exception cref="SegmentaException">Another version's analysis tables.</exception>
    public static void RequireCurrent(SegmentaStore store, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.HasTable("cleaning_report") && !store.HasTable("customers"))
        {
            return;
        }
        var stamped = Stamped(store);
        if (stamped == Version)
        {
            return;
        }
        var rebuild = $"Your imported lines are kept: run segmenta analyze --db {path} --out DIR (no file needed) to rebuild the analysis with this version.";
        throw new SegmentaException(stamped is null or < Version
            ? $"The analysis in {path} was written by an earlier version of Segmenta ({(stamped is null ? "before its tables carried a version" : $"analysis tables version {stamped}")}; this version reads version {Version}). {rebuild}"
            : $"The analysis in {path} was written by a newer version of Segmenta (analysis tables version {stamped}; this version reads {Version}). Use that version, or: {rebuild}");
    }
}
