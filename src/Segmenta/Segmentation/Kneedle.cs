namespace Segmenta.Segmentation;

/// <summary>
/// The knee of a decreasing convex curve (inertia by k) by the kneedle method (Satopää et al., 2011): scale both axes
/// to [0, 1] and take the point farthest below the straight line from the first point to the last.
/// </summary>
public static class Kneedle
{
    /// <summary>The x of the knee, or null when the curve has no bend (fewer than three points or a straight line).</summary>
    public static int? Knee(IReadOnlyList<int> xs, IReadOnlyList<double> ys)
    {
        if (xs.Count < 3)
        {
            return null;
        }
        var (x0, x1) = (xs[0], xs[^1]);
        var (yMax, yMin) = (ys.Max(), ys.Min());
        if (x1 == x0 || yMax == yMin)
        {
            return null;
        }
        var (best, bestGap) = ((int?)null, 1e-9);
        for (var i = 1; i < xs.Count - 1; i++)
        {
            var xn = (double)(xs[i] - x0) / (x1 - x0);
            var yn = (ys[i] - yMin) / (yMax - yMin);
            var gap = (1 - xn) - yn; // distance below the chord from (0, 1) to (1, 0)
            if (gap > bestGap)
            {
                (best, bestGap) = (xs[i], gap);
            }
        }
        return best;
    }
}
