namespace Segmenta.Recommending;

/// <summary>What ranks the new products of the buy-again + discovery lists, chosen on held-out validation customers (<see cref="TwoKindSelection"/>).</summary>
internal enum TwoKindDiscovery
{
    /// <summary>The discovery model: EASE score from the customer's own products and recent popularity.</summary>
    EaseModel,

    /// <summary>Distinct buyers of the product up to the reference day (the GlobalPopularity list).</summary>
    GlobalPopularity,

    /// <summary>Distinct buyers of the product in the recent window (the RecentPopularity list).</summary>
    RecentPopularity,
}
