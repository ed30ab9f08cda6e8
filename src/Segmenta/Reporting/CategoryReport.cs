using Segmenta.Categories;
using Segmenta.Store;

namespace Segmenta.Reporting;

/// <summary>The product categories for the report: the category table and every segmentation's category preferences.</summary>
internal sealed record CategoryReport(IReadOnlyList<CategoryRow> Categories, IReadOnlyList<CategoryPreference> Preferences, long Products)
{
    /// <summary>Null when the store has no categories.</summary>
    internal static CategoryReport? Load(SegmentaStore store) => CategoryTables.Exist(store)
        ? new CategoryReport(CategoryTables.LoadSummary(store), CategoryTables.LoadPreferences(store), CategoryTables.LoadProducts(store).Count)
        : null;
}
