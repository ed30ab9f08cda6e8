namespace Segmenta.Generating;

/// <summary>What one customer likes: categories of the catalogue, and the share of their new products drawn from them.</summary>
/// <param name="Liked">One to three categories (<see cref="Product.Category"/>).</param>
/// <param name="Share">Chance that a new product of their order comes from a liked category rather than the whole catalogue.</param>
internal sealed record Taste(int[] Liked, double Share);
