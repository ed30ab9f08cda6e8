namespace Segmenta.Recommending;

/// <summary>For each product, its strongest neighbours (CSR): neighbour product, score and co-occurrence count, best first.</summary>
internal sealed class NeighbourList(int[] start, int[] item, double[] score, int[] count)
{
    public int[] Start { get; } = start;

    public int[] Item { get; } = item;

    public double[] Score { get; } = score;

    public int[] Count { get; } = count;

    public int Pairs => Item.Length;
}
