namespace Segmenta.Categories;

/// <summary>Where the products' categories came from.</summary>
public enum CategorySource
{
    /// <summary>No categories: the data has neither a category column nor descriptions.</summary>
    None,
    /// <summary>The data's category column (<c>--map category=COLUMN</c>): each product's most frequent value.</summary>
    Column,
    /// <summary>Derived from each product's most frequent description with the category vocabulary.</summary>
    Descriptions,
}
