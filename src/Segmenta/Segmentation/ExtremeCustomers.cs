using System.Globalization;

namespace Segmenta.Segmentation;

/// <summary>
/// Extreme customers: a handful of accounts (key accounts, wholesalers) far beyond everyone else on some feature even
/// after the transform. Left in, they pull a centroid of their own and become a "segment" by accident; they are set
/// apart instead and reported as a named group outside the clusters, with their own activation list.
/// </summary>
internal static class ExtremeCustomers
{
    /// <summary>The name profiling gives the group.</summary>
    internal const string GroupName = "Key accounts (outside the clusters)";

    /// <summary>
    /// Rows above <see cref="SegmentationOptions.ExtremeThreshold"/> on any transformed feature, when they are
    /// fewer than <see cref="SegmentationOptions.MinSegmentShare"/> of the customers (more of them would make a segment
    /// of their own, which the clustering may find); otherwise none.
    /// </summary>
    internal static HashSet<int> Find(FeatureMatrix transformed, SegmentationOptions options)
    {
        var found = new HashSet<int>();
        if (options.ExtremeThreshold is not { } threshold)
        {
            return found;
        }
        for (var i = 0; i < transformed.Rows; i++)
        {
            if (IsExtreme(transformed.Row(i), threshold))
            {
                found.Add(i);
            }
        }
        var tooMany = found.Count >= options.MinSegmentShare * transformed.Rows || transformed.Rows - found.Count < Math.Max(2, options.MinK);
        return tooMany ? [] : found;
    }

    /// <summary>
    /// True when a transformed row lies more than <paramref name="threshold"/> scaled units above the centre on some
    /// feature. Only the upper side: customers far below the rest (net spend 0 after returning everything) are not key
    /// accounts, and too few of them to pass the size guard cannot become a segment.
    /// </summary>
    internal static bool IsExtreme(ReadOnlySpan<double> row, double threshold)
    {
        foreach (var value in row)
        {
            if (value > threshold)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The sentence appended to the explanation of k.</summary>
    internal static string Sentence(int count, int customers, double threshold, int segment) => string.Create(CultureInfo.InvariantCulture,
        $"{count} extreme customer{(count == 1 ? "" : "s")} ({100.0 * count / customers:0.##} % of {customers:#,0}, more than {threshold:0.#} scaled units above the average on some feature) {(count == 1 ? "is" : "are")} reported as segment {segment}, \"{GroupName}\".");
}
