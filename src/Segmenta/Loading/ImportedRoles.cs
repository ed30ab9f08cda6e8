using Segmenta.Store;

namespace Segmenta.Loading;

/// <summary>The typed read of the roles each import mapped (imports.roles), for later stages that adapt to what the data holds.</summary>
public static class ImportedRoles
{
    /// <summary>The roles of each stored import, in import order.</summary>
    public static IReadOnlyList<IReadOnlySet<ColumnRole>> PerImport(SegmentaStore store) =>
        store.Query("SELECT roles FROM imports ORDER BY import_id", r => Importer.ParseRoles(r.GetString(0)));
}
