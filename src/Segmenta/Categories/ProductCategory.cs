namespace Segmenta.Categories;

/// <summary>A product, the description its category was read from, its category and the phrase (or column value) that decided it.</summary>
public sealed record ProductCategory(string Product, string? Description, string Category, string Matched);
