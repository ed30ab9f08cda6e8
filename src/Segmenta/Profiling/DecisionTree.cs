namespace Segmenta.Profiling;

/// <summary>
/// A small CART classification tree (Gini impurity, axis-aligned thresholds halfway between distinct values),
/// used as a readable surrogate of a segmentation. Deterministic: ties go to the lower feature index and threshold.
/// </summary>
internal sealed class DecisionTree
{
    private DecisionTree(Node root, int classes) => (Root, Classes) = (root, classes);

    internal Node Root { get; }

    internal int Classes { get; }

    internal sealed record Node(int Feature, double Threshold, Node? Left, Node? Right, int Prediction, int[] Counts)
    {
        internal bool IsLeaf => Left is null;
    }

    /// <summary>Fits on rows x (n by d, row-major) with labels in [0, classes).</summary>
    internal static DecisionTree Fit(double[] x, int n, int d, int[] labels, int classes, int maxDepth = 3, int minLeaf = 20)
    {
        var order = new int[d][];
        for (var f = 0; f < d; f++)
        {
            var feature = f;
            order[f] = Enumerable.Range(0, n).OrderBy(i => x[i * d + feature]).ThenBy(i => i).ToArray();
        }
        var all = Enumerable.Range(0, n).ToArray();
        return new DecisionTree(Grow(x, d, labels, classes, all, order, 0, maxDepth, minLeaf), classes);
    }

    internal int Predict(ReadOnlySpan<double> row)
    {
        var node = Root;
        while (!node.IsLeaf)
        {
            node = row[node.Feature] <= node.Threshold ? node.Left! : node.Right!;
        }
        return node.Prediction;
    }

    private static Node Grow(double[] x, int d, int[] labels, int classes, int[] rows, int[][] order, int depth, int maxDepth, int minLeaf)
    {
        var counts = Count(labels, rows, classes);
        var prediction = ArgMax(counts);
        if (depth == maxDepth || rows.Length < 2 * minLeaf || counts[prediction] == rows.Length)
        {
            return new Node(-1, 0, null, null, prediction, counts);
        }
        var inNode = new bool[labels.Length];
        foreach (var r in rows)
        {
            inNode[r] = true;
        }
        var best = (Gain: 1e-12, Feature: -1, Threshold: 0.0);
        var parentGini = Gini(counts, rows.Length);
        for (var f = 0; f < d; f++)
        {
            var left = new int[classes];
            var leftCount = 0;
            var sorted = order[f].Where(i => inNode[i]).ToArray();
            for (var k = 0; k < sorted.Length - 1; k++)
            {
                left[labels[sorted[k]]]++;
                leftCount++;
                var here = x[sorted[k] * d + f];
                var next = x[sorted[k + 1] * d + f];
                if (here == next || leftCount < minLeaf || sorted.Length - leftCount < minLeaf)
                {
                    continue;
                }
                var right = new int[classes];
                for (var c = 0; c < classes; c++)
                {
                    right[c] = counts[c] - left[c];
                }
                var weighted = (leftCount * Gini(left, leftCount) + (sorted.Length - leftCount) * Gini(right, sorted.Length - leftCount)) / sorted.Length;
                var gain = parentGini - weighted;
                if (gain > best.Gain + 1e-12)
                {
                    best = (gain, f, (here + next) / 2);
                }
            }
        }
        if (best.Feature < 0)
        {
            return new Node(-1, 0, null, null, prediction, counts);
        }
        var leftRows = rows.Where(r => x[r * d + best.Feature] <= best.Threshold).ToArray();
        var rightRows = rows.Where(r => x[r * d + best.Feature] > best.Threshold).ToArray();
        return new Node(best.Feature, best.Threshold,
            Grow(x, d, labels, classes, leftRows, order, depth + 1, maxDepth, minLeaf),
            Grow(x, d, labels, classes, rightRows, order, depth + 1, maxDepth, minLeaf),
            prediction, counts);
    }

    private static int[] Count(int[] labels, int[] rows, int classes)
    {
        var counts = new int[classes];
        foreach (var r in rows)
        {
            counts[labels[r]]++;
        }
        return counts;
    }

    private static double Gini(int[] counts, int total)
    {
        if (total == 0)
        {
            return 0;
        }
        var sum = 0.0;
        foreach (var c in counts)
        {
            var p = (double)c / total;
            sum += p * p;
        }
        return 1 - sum;
    }

    private static int ArgMax(int[] counts)
    {
        var best = 0;
        for (var c = 1; c < counts.Length; c++)
        {
            if (counts[c] > counts[best])
            {
                best = c;
            }
        }
        return best;
    }
}
