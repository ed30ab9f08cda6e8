namespace Segmenta.Recommending;

/// <summary>Co-occurrence counted once per pair, into a dense triangle of counts.</summary>
/// <remarks>
/// The counter path counts every pair twice (p's rows add q, q's rows add p), so its cost is Σ over rows of m², m the row's
/// length, which the few customers with hundreds of products dominate (on the shared data 80 % of Σ m² comes from the
/// 413 of 4,333 with more than 100; counting was 17 % of the stage's CPU at 10M lines, session 12's profile). Here row p of the triangle holds p's counts with every q &gt; p: each of p's rows adds only
/// its items after p (rows sorted once), Σ m(m − 1)/2 increments, each a plain increment with no touched list to keep
/// or clear. A product's candidates are then its triangle row and its column (q &lt; p). The lists are those of the
/// counter path: the same counts, and the best k by (score, product) do not depend on the order the candidates are met.
/// Memory: 4 bytes a pair, so only catalogues up to <see cref="MaxTriangleCells"/> pairs (≈ 8,190 products) take it,
/// and only when the rows are long enough for the counting saved to outweigh reading the triangle (<see cref="TrianglePays"/>).
/// </remarks>
internal static partial class CoOccurrence
{
    /// <summary>The most pairs counted in a dense triangle: 2²⁵ counts, 128 MB.</summary>
    internal const long MaxTriangleCells = 1L << 25;

    /// <summary>Products whose neighbours are chosen together, reading the triangle's columns a cache line at a time.</summary>
    private const int SelectionBlock = 16;

    /// <summary>
    /// Whether the triangle pays: it fits in <see cref="MaxTriangleCells"/>, and the counting it saves (half of Σ m² over
    /// the rows) is at least the products² cells its selection reads. The shared data's customers (Σ m² = 23.5 M, 3,658
    /// products) and orders stay on the counter path; a 10M-line shop's customers do not.
    /// </summary>
    internal static bool TrianglePays(int[] rowStart, int products)
    {
        if (TriangleCells(products) > MaxTriangleCells)
        {
            return false;
        }
        long squares = 0;
        for (var r = 0; r + 1 < rowStart.Length; r++)
        {
            long m = rowStart[r + 1] - rowStart[r];
            squares += m * m;
        }
        return squares >= 2L * products * products;
    }

    /// <summary>The pairs (p, q), p &lt; q, of a catalogue.</summary>
    internal static long TriangleCells(int products) => (long)products * (products - 1) / 2;

    /// <summary><see cref="Neighbours"/> from a dense triangle of counts (<paramref name="products"/> must have at most <see cref="MaxTriangleCells"/> pairs).</summary>
    internal static NeighbourList NeighboursByTriangle(
        int[] rowStart, int[] rowItems, int[] columnStart, int[] columnRows, int products,
        int minTogether, int maxNeighbours, PairScore score)
    {
        if (TriangleCells(products) > MaxTriangleCells)
        {
            throw new ArgumentOutOfRangeException(nameof(products), products, "Too many products for a dense triangle of counts.");
        }
        var items = SortedRows(rowStart, rowItems);
        // Cell of the pair (p, q), p < q: offset[p] + q (row p holds q = p + 1 .. products − 1).
        var offset = new int[products];
        for (var p = 0; p < products; p++)
        {
            offset[p] = (int)((((long)p * ((2L * products) - p - 1)) / 2) - p - 1);
        }
        var counts = new int[Math.Max(0, TriangleCells(products))];
        Parallel.For(0, products, p =>
        {
            var row = offset[p];
            for (var t = columnStart[p]; t < columnStart[p + 1]; t++)
            {
                var r = columnRows[t];
                var end = rowStart[r + 1];
                for (var g = After(items, rowStart[r], end, p); g < end; g++)
                {
                    counts[row + items[g]]++;
                }
            }
        });
        var least = Math.Max(1, minTogether);
        var kept = new (int Item, double Score, int Count)[products][];
        // Products in blocks of SelectionBlock: a product q below the block reads the block's counts from one stretch of
        // its own triangle row instead of one cache line per product of the block.
        var blocks = (products + SelectionBlock - 1) / SelectionBlock;
        Parallel.For(0, blocks,
            () => (Scores: new double[SelectionBlock * maxNeighbours], Items: new int[SelectionBlock * maxNeighbours], Count: new int[SelectionBlock]),
            (block, _, best) =>
            {
                var first = block * SelectionBlock;
                var size = Math.Min(SelectionBlock, products - first);
                Array.Clear(best.Count);
                for (var q = 0; q < products && maxNeighbours > 0; q++)
                {
                    for (var k = 0; k < size; k++)
                    {
                        var p = first + k;
                        if (q == p)
                        {
                            continue;
                        }
                        var together = q < p ? counts[offset[q] + p] : counts[offset[p] + q];
                        if (together < least)
                        {
                            continue;
                        }
                        var s = score(p, q, together);
                        if (!double.IsNaN(s))
                        {
                            best.Count[k] = Keep(best.Scores.AsSpan(k * maxNeighbours, maxNeighbours), best.Items.AsSpan(k * maxNeighbours, maxNeighbours), best.Count[k], maxNeighbours, s, q);
                        }
                    }
                }
                for (var k = 0; k < size; k++)
                {
                    var p = first + k;
                    var list = new (int Item, double Score, int Count)[best.Count[k]];
                    for (var i = 0; i < list.Length; i++)
                    {
                        var q = best.Items[(k * maxNeighbours) + i];
                        list[i] = (q, best.Scores[(k * maxNeighbours) + i], q < p ? counts[offset[q] + p] : counts[offset[p] + q]);
                    }
                    kept[p] = list;
                }
                return best;
            },
            static _ => { });
        return List(kept);
    }

    /// <summary>
    /// Offers (s, q) to the best <paramref name="n"/> kept so far, by (score descending, product ascending), kept by
    /// insertion into a short sorted buffer; returns the new count. Both ways of counting use it.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Keep(Span<double> keys, Span<int> items, int n, int maxNeighbours, double s, int q)
    {
        int at;
        if (n == maxNeighbours)
        {
            if (!Better(s, q, keys[n - 1], items[n - 1]))
            {
                return n;
            }
            at = n - 1;
        }
        else
        {
            at = n++;
        }
        while (at > 0 && Better(s, q, keys[at - 1], items[at - 1]))
        {
            keys[at] = keys[at - 1];
            items[at] = items[at - 1];
            at--;
        }
        keys[at] = s;
        items[at] = q;
        return n;
    }

    /// <summary>The rows' items in increasing order within each row: the items themselves when they already are (an order's products), else a sorted copy.</summary>
    private static int[] SortedRows(int[] rowStart, int[] rowItems)
    {
        var rows = rowStart.Length - 1;
        var sorted = true;
        for (var r = 0; r < rows && sorted; r++)
        {
            for (var f = rowStart[r] + 1; f < rowStart[r + 1]; f++)
            {
                if (rowItems[f] < rowItems[f - 1])
                {
                    sorted = false;
                    break;
                }
            }
        }
        if (sorted)
        {
            return rowItems;
        }
        var items = (int[])rowItems.Clone();
        for (var r = 0; r < rows; r++)
        {
            Array.Sort(items, rowStart[r], rowStart[r + 1] - rowStart[r]);
        }
        return items;
    }

    /// <summary>The first position in the sorted items [from, end) holding a product above <paramref name="p"/>.</summary>
    private static int After(int[] items, int from, int end, int p)
    {
        var (low, high) = (from, end);
        while (low < high)
        {
            var middle = (int)(((uint)low + (uint)high) >> 1);
            if (items[middle] <= p)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
