using System.Runtime.CompilerServices;

namespace Segmenta.Segmentation;

/// <summary>
/// A fitted K-Means model: immutable; <see cref="Predict"/> assigns new rows to the nearest centroid. Its invariants
/// (k ≥ 1, k × columns finite centroid values, labels in [0, k)) are checked when it is built.
/// </summary>
public sealed record KMeansModel(double[] Centroids, int K, int Columns, int[] Labels, double Inertia, int Iterations, bool Converged)
{
    /// <summary>Centroids, row-major (k × columns).</summary>
    public double[] Centroids { get; init; } = ModelInvariants.Values(Centroids, ModelInvariants.AtLeastOne(K, nameof(K)) * ModelInvariants.AtLeastOne(Columns, nameof(Columns)), nameof(Centroids));

    /// <summary>The cluster of each training row (empty for a model read back from a file).</summary>
    public int[] Labels { get; init; } = ModelInvariants.Labels(Labels, K);

    /// <summary>Centroid <paramref name="cluster"/>.</summary>
    public ReadOnlySpan<double> Centroid(int cluster) => Centroids.AsSpan(cluster * Columns, Columns);

    /// <summary>The nearest centroid of each row of <paramref name="matrix"/>.</summary>
    public int[] Predict(FeatureMatrix matrix)
    {
        var labels = new int[matrix.Rows];
        for (var i = 0; i < matrix.Rows; i++)
        {
            labels[i] = Nearest(matrix.Row(i)).Cluster;
        }
        return labels;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // inlines Distance.Squared: Vector<T>, not ReadyToRun (decision 52)
    internal (int Cluster, double Squared) Nearest(ReadOnlySpan<double> row)
    {
        var best = (Cluster: 0, Squared: double.MaxValue);
        for (var c = 0; c < K; c++)
        {
            var d = Distance.Squared(row, Centroid(c));
            if (d < best.Squared)
            {
                best = (c, d);
            }
        }
        return best;
    }
}
