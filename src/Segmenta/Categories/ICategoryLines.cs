using Segmenta.Store;

namespace Segmenta.Categories;

/// <summary>
/// The category stage's line-level work done where the lines are rather than on the local store's lines (the
/// PostgreSQL engine: Postgres/PostgresLineStages.cs). Each part gives what the DuckDB SQL of the stage gives.
/// </summary>
internal interface ICategoryLines
{
    /// <summary>Whether a loaded line has a non-empty category value.</summary>
    bool HasCategoryColumn();

    /// <summary>Whether a kept line has a non-empty description.</summary>
    bool HasDescriptions();

    /// <summary>The rows of Categories/product_descriptions.sql: each product with its chosen description and category value, by product.</summary>
    IReadOnlyList<(string Product, string? Description, string? Category)> ProductTexts(bool useColumn);

    /// <summary>Makes the store's category_summary (Categories/category_summary.sql) for <paramref name="products"/>, already saved in the store.</summary>
    void Summarise(SegmentaStore store, IReadOnlyList<ProductCategory> products);

    /// <summary>Makes the store's segment_category_preferences (Categories/segment_category_preferences.sql) for every segmentation.</summary>
    void Preferences(SegmentaStore store);
}
