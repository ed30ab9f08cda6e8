namespace Segmenta.Categories;

/// <summary>The products' categories and the category table of the exploration, or why there are none.</summary>
public sealed record CategoryResult(CategorySource Source, IReadOnlyList<CategoryRow> Categories, long Products, long ProductsInOther)
{
    /// <summary>One line for the run's notes when categories were skipped; null otherwise.</summary>
    public string? Note { get; init; }

    /// <summary>No categories (the data has neither a category column nor descriptions).</summary>
    internal static CategoryResult Skipped(string note) => new(CategorySource.None, [], 0, 0) { Note = note };
}
