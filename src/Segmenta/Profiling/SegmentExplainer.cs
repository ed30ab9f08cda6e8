using System.Globalization;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Profiling;

/// <summary>
/// Explains a segmentation with a surrogate decision tree (CART, depth 3–5) learnt from customer features: each
/// segment's rule is the path to the leaf holding most of its customers, and its fidelity is the share of its
/// customers the tree gives back to it. The overall fidelity is the tree's agreement with the segmentation.
/// </summary>
internal static class SegmentExplainer
{
    private static readonly (string Column, string Label, string Unit, bool Integer)[] Features =
    [
        ("recency", "Recency", "days", true),
        ("frequency", "Frequency", "orders", true),
        ("monetary", "Monetary", "", false),
        ("average_order_value", "Average order", "", false),
        ("tenure_days", "Tenure", "days", true),
        ("distinct_products", "Products", "", true),
    ];

    internal const string NoRule = "no short rule separates this segment from its neighbours";

    internal static (Dictionary<int, SegmentExplanation> BySegment, double Fidelity) Explain(SegmentaStore store, SegmentationKind segmentation, string currency)
    {
        var select = string.Join(", ", Features.Select(f => $"coalesce(CAST(c.{f.Column} AS DOUBLE), 0)"));
        var rows = store.Query(
            $"SELECT m.segment_id, {select} FROM customer_segments m JOIN customers c USING (customer_id) WHERE m.segmentation = $s ORDER BY c.customer_id",
            r => (Segment: r.GetInt32(0), Values: Enumerable.Range(1, Features.Length).Select(r.GetDouble).ToArray()), ("s", segmentation.Id()));
        var ids = rows.Select(r => r.Segment).Distinct().Order().ToArray();
        if (rows.Count == 0 || ids.Length < 2)
        {
            return (ids.ToDictionary(id => id, _ => new SegmentExplanation("all customers", 1)), 1);
        }
        var classOf = ids.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        var d = Features.Length;
        var x = new double[rows.Count * d];
        var labels = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Values.CopyTo(x, i * d);
            labels[i] = classOf[rows[i].Segment];
        }
        var depth = Math.Clamp((int)Math.Ceiling(Math.Log2(ids.Length)) + 1, 3, 5);
        var tree = DecisionTree.Fit(x, rows.Count, d, labels, ids.Length, depth, minLeaf: Math.Max(5, rows.Count / 200));
        var predicted = Enumerable.Range(0, rows.Count).Select(i => tree.Predict(x.AsSpan(i * d, d))).ToArray();
        var fidelity = (double)predicted.Where((p, i) => p == labels[i]).Count() / rows.Count;

        var explanations = new Dictionary<int, SegmentExplanation>();
        foreach (var (id, cls) in classOf)
        {
            var members = labels.Count(l => l == cls);
            var recall = (double)predicted.Where((p, i) => p == cls && labels[i] == cls).Count() / members;
            var path = BestPath(tree.Root, cls, []);
            explanations[id] = new SegmentExplanation(path is null ? NoRule : Describe(path, currency), recall);
        }
        return (explanations, fidelity);
    }

    /// <summary>The conditions leading to the leaf that predicts the class and holds most of its members.</summary>
    private static List<(int Feature, bool Above, double Threshold)>? BestPath(DecisionTree.Node node, int cls, List<(int, bool, double)> path)
    {
        if (node.IsLeaf)
        {
            return node.Prediction == cls ? path : null;
        }
        var left = BestPath(node.Left!, cls, [.. path, (node.Feature, false, node.Threshold)]);
        var right = BestPath(node.Right!, cls, [.. path, (node.Feature, true, node.Threshold)]);
        if (left is null || right is null)
        {
            return left ?? right;
        }
        return MembersUnder(node.Left!, cls) >= MembersUnder(node.Right!, cls) ? left : right;
    }

    /// <summary>Customers of the class in the leaves under the node that predict it.</summary>
    private static int MembersUnder(DecisionTree.Node node, int cls) =>
        node.IsLeaf ? (node.Prediction == cls ? node.Counts[cls] : 0) : MembersUnder(node.Left!, cls) + MembersUnder(node.Right!, cls);

    private static string Describe(List<(int Feature, bool Above, double Threshold)> path, string currency)
    {
        var parts = new List<string>();
        foreach (var group in path.GroupBy(p => p.Feature).OrderBy(g => g.Key))
        {
            var (_, label, unit, integer) = Features[group.Key];
            var lower = group.Where(p => p.Above).Select(p => p.Threshold).DefaultIfEmpty(double.NegativeInfinity).Max();
            var upper = group.Where(p => !p.Above).Select(p => p.Threshold).DefaultIfEmpty(double.PositiveInfinity).Min();
            string Value(double v, bool up) => integer
                ? (up ? Math.Floor(v) : Math.Floor(v) + 1).ToString("N0", CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : "")
                : currency + v.ToString("N0", CultureInfo.InvariantCulture);
            if (double.IsFinite(lower) && double.IsFinite(upper))
            {
                parts.Add($"{label} {(integer ? "≥" : ">")} {Value(lower, false)} and ≤ {Value(upper, true)}");
            }
            else if (double.IsFinite(lower))
            {
                parts.Add($"{label} {(integer ? "≥" : ">")} {Value(lower, false)}");
            }
            else
            {
                parts.Add($"{label} ≤ {Value(upper, true)}");
            }
        }
        return string.Join(" and ", parts);
    }
}
