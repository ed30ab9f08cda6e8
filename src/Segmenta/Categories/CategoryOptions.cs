namespace Segmenta.Categories;

/// <summary>Settings of the product categories and of the segments' category preferences.</summary>
public sealed record CategoryOptions
{
    /// <summary>A vocabulary file replacing the built-in Categories/category_vocabulary.txt; null = built-in. Unused when the data has a category column.</summary>
    public string? VocabularyPath { get; init; }

    /// <summary>An over-indexed category is named in the insights only when it is at least this share of the segment's spend. Default 0.02.</summary>
    public double MinimumShare { get; init; } = 0.02;

    /// <summary>... and at least this many of the segment's customers bought it. Default 10.</summary>
    public int MinimumBuyers { get; init; } = 10;

    /// <summary>... and its index (segment share over all customers' share) is at least this, also without the segment's biggest buyer of it. Default 1.5.</summary>
    public double MinimumIndex { get; init; } = 1.5;

    /// <summary>How many over-indexed categories each segment's insight names at most. Default 2.</summary>
    public int CategoriesPerInsight { get; init; } = 2;

    /// <summary>Throws when a setting is out of range (names the property).</summary>
    internal void Validate()
    {
        if (MinimumShare is < 0 or > 1 || double.IsNaN(MinimumShare))
        {
            throw new SegmentaException($"MinimumShare is {MinimumShare}; give a share between 0 and 1 (0.02 = 2 % of a segment's spend).");
        }
        if (MinimumBuyers < 1)
        {
            throw new SegmentaException($"MinimumBuyers is {MinimumBuyers}; give at least 1 customer.");
        }
        if (MinimumIndex < 1 || double.IsNaN(MinimumIndex))
        {
            throw new SegmentaException($"MinimumIndex is {MinimumIndex}; give 1 or more (1.5 = half as much again as all customers).");
        }
        if (CategoriesPerInsight is < 1 or > 10)
        {
            throw new SegmentaException($"CategoriesPerInsight is {CategoriesPerInsight}; give 1 to 10.");
        }
    }
}
