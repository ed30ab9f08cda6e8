using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Profiling;

/// <summary>
/// Which segmentations a profiling script computes. The scripts read the memberships through the temporary view
/// <c>profiled_segments</c>: every segmentation of customer_segments for a full run, or one segmentation when only it
/// changed (a dashboard re-run re-clusters; the RFM segments and their profiles stay as stored). A scoped run keeps the
/// other segmentations' rows of the tables it rebuilds, and drops rows of segmentations that no longer exist.
/// </summary>
internal static class ProfiledScope
{
    /// <summary>Runs <paramref name="script"/> (which replaces <paramref name="tables"/>) for all segmentations, or for <paramref name="only"/>.</summary>
    internal static void Rebuild(SegmentaStore store, SegmentationKind? only, IReadOnlyList<string> tables, string script) =>
        Rebuild(store, only, tables, () => store.Execute(script));

    /// <summary>Runs <paramref name="compute"/> (which replaces <paramref name="tables"/>) for all segmentations, or for <paramref name="only"/>.</summary>
    internal static void Rebuild(SegmentaStore store, SegmentationKind? only, IReadOnlyList<string> tables, Action compute)
    {
        var id = only?.Id();
        // An enum's fixed id, never user text: safe to put in the view's text (views take no parameters).
        store.Execute(id is null
            ? "CREATE OR REPLACE TEMP VIEW profiled_segments AS SELECT * FROM customer_segments"
            : $"CREATE OR REPLACE TEMP VIEW profiled_segments AS SELECT * FROM customer_segments WHERE segmentation = '{id}'");
        var kept = id is null ? [] : tables.Where(store.HasTable).ToList();
        foreach (var table in kept)
        {
            store.Execute($"""
                CREATE OR REPLACE TEMP TABLE kept_{table} AS
                SELECT * FROM main.{table} WHERE segmentation <> '{id}' AND segmentation IN (SELECT DISTINCT segmentation FROM customer_segments)
                """);
        }
        compute();
        foreach (var table in kept)
        {
            store.Execute($"INSERT INTO main.{table} BY NAME SELECT * FROM temp.kept_{table}; DROP TABLE temp.kept_{table}");
        }
        store.Execute("DROP VIEW IF EXISTS profiled_segments");
    }
}
