namespace Segmenta.Exploration;

/// <summary>Settings of the exploration tables.</summary>
public sealed record ExplorationOptions
{
    /// <summary>How many products each top-product list holds (by units, revenue, customers, returns). Default 20, 1 to 1000.</summary>
    public int TopProducts { get; init; } = 20;

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        if (TopProducts is < 1 or > 1000)
        {
            throw new SegmentaException($"TopProducts is {TopProducts}; choose between 1 and 1000 products per list.");
        }
    }
}
