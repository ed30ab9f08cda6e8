namespace Segmenta.Recommending;

/// <summary>
/// Sparse co-occurrence counting: for a 0/1 matrix A (rows = customers or orders, columns = products) computes the
/// non-zero entries of AᵀA one product at a time (Gustavson's row-by-row sparse product) with a dense counter of one
/// row per thread, so the cost is the sum over rows of (distinct products)² and memory is O(products) per thread.
/// Each product keeps only its best <c>maxNeighbours</c> neighbours. Where a dense triangle of counts fits and pays
/// (<see cref="TrianglePays"/>) every pair is counted once instead (<see cref="NeighboursByTriangle"/>, the same lists).
/// </summary>
internal static partial class CoOccurrence
{
    /// <summary>Scores one candidate pair: (product, neighbour, rows holding both) → score, or NaN to drop the pair.</summary>
    public delegate double PairScore(int product, int neighbour, int together);

    /// <summary>Each product's best <paramref name="maxNeighbours"/> by score (ties: the lower product id) among the products in at least <paramref name="minTogether"/> rows with it.</summary>
    public static NeighbourList Neighbours(
        int[] rowStart, int[] rowItems, int[] columnStart, int[] columnRows, int products,
        int minTogether, int maxNeighbours, PairScore score) =>
        TrianglePays(rowStart, products)
            ? NeighboursByTriangle(rowStart, rowItems, columnStart, columnRows, products, minTogether, maxNeighbours, score)
            : NeighboursByCounter(rowStart, rowItems, columnStart, columnRows, products, minTogether, maxNeighbours, score);

    /// <summary><see cref="Neighbours"/> one product at a time with a dense counter per thread: every pair is counted twice, memory O(products) per thread.</summary>
    internal static NeighbourList NeighboursByCounter(
        int[] rowStart, int[] rowItems, int[] columnStart, int[] columnRows, int products,
        int minTogether, int maxNeighbours, PairScore score)
    {
        var kept = new (int Item, double Score, int Count)[products][];
        Parallel.For(0, products,
            () => new Counter(products, maxNeighbours),
            (p, _, counter) =>
            {
                counter.Clear();
                counter.CountRows(rowStart, rowItems, columnRows.AsSpan(columnStart[p], columnStart[p + 1] - columnStart[p]));
                // The best maxNeighbours by (score descending, product ascending), kept by insertion into a short sorted
                // buffer: the same neighbours in the same order as sorting every candidate, without the sort.
                var keys = counter.BestScores;
                var items = counter.BestItems;
                var n = 0;
                var (counts, touched, touchedCount) = (counter.Counts, counter.Touched, counter.TouchedCount);
                for (var t = 0; t < touchedCount && maxNeighbours > 0; t++)
                {
                    var q = touched[t];
                    var together = counts[q];
                    if (q == p || together < minTogether)
                    {
                        continue;
                    }
                    var s = score(p, q, together);
                    if (double.IsNaN(s))
                    {
                        continue;
                    }
                    n = Keep(keys, items, n, maxNeighbours, s, q);
                }
                var best = new (int Item, double Score, int Count)[n];
                for (var i = 0; i < n; i++)
                {
                    best[i] = (items[i], keys[i], counter.Counts[items[i]]);
                }
                kept[p] = best;
                return counter;
            },
            static _ => { });

        return List(kept);
    }

    /// <summary>The kept neighbours of every product as one CSR list.</summary>
    private static NeighbourList List((int Item, double Score, int Count)[][] kept)
    {
        var products = kept.Length;
        var start = new int[products + 1];
        for (var p = 0; p < products; p++)
        {
            start[p + 1] = start[p] + kept[p].Length;
        }
        var item = new int[start[^1]];
        var scores = new double[start[^1]];
        var counts = new int[start[^1]];
        for (var p = 0; p < products; p++)
        {
            for (var i = 0; i < kept[p].Length; i++)
            {
                (item[start[p] + i], scores[start[p] + i], counts[start[p] + i]) = kept[p][i];
            }
        }
        return new NeighbourList(start, item, scores, counts);
    }

    /// <summary>Co-occurrence counts of every pair (for tests and the SQL comparison): (i, j, rows holding both), i &lt; j.</summary>
    public static long CountPairs(int[] rowStart, int[] rowItems, int[] columnStart, int[] columnRows, int products, int minTogether)
    {
        long pairs = 0;
        var counter = new Counter(products, 0);
        for (var p = 0; p < products; p++)
        {
            counter.Clear();
            for (var e = columnStart[p]; e < columnStart[p + 1]; e++)
            {
                var row = columnRows[e];
                for (var f = rowStart[row]; f < rowStart[row + 1]; f++)
                {
                    counter.Add(rowItems[f]);
                }
            }
            for (var t = 0; t < counter.TouchedCount; t++)
            {
                var q = counter.Touched[t];
                pairs += q > p && counter.Counts[q] >= minTogether ? 1 : 0;
            }
        }
        return pairs;
    }

    /// <summary>Ranks neighbours: a higher score first, then the lower product id (ties broken the same way everywhere).</summary>
    private static bool Better(double score, int item, double otherScore, int otherItem) =>
        score > otherScore || (score == otherScore && item < otherItem);

    /// <summary>A dense counter that resets in time proportional to the entries it touched, and the best neighbours so far.</summary>
    private sealed class Counter(int size, int best)
    {
        public int[] Counts { get; } = new int[size];

        public int[] Touched { get; } = new int[size + 1];

        public double[] BestScores { get; } = new double[best];

        public int[] BestItems { get; } = new int[best];

        public int TouchedCount { get; private set; }

        public void Add(int item)
        {
            if (Counts[item]++ == 0)
            {
                Touched[TouchedCount++] = item;
            }
        }

        /// <summary>Counts every item of the given rows (the whole of the counting's time: the arrays are held in locals, which the JIT keeps in registers).</summary>
        public void CountRows(int[] rowStart, int[] rowItems, ReadOnlySpan<int> rows)
        {
            var counts = Counts;
            var touched = Touched;
            var touchedCount = TouchedCount;
            foreach (var row in rows)
            {
                foreach (var item in rowItems.AsSpan(rowStart[row], rowStart[row + 1] - rowStart[row]))
                {
                    // Without a branch (whether an item is new is unpredictable): the slot past the touched ones is
                    // written every time and kept only when the count was zero. Touched has one spare slot for it.
                    touched[touchedCount] = item;
                    touchedCount += counts[item]++ == 0 ? 1 : 0;
                }
            }
            TouchedCount = touchedCount;
        }

        public void Clear()
        {
            for (var t = 0; t < TouchedCount; t++)
            {
                Counts[Touched[t]] = 0;
            }
            TouchedCount = 0;
        }
    }
}
