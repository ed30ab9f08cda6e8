using System.Runtime.CompilerServices;

namespace Segmenta.Segmentation;

/// <summary>
/// K-Means as scikit-learn does it (greedy k-means++ with 2 + ln k local trials, <c>n_init</c> seeded restarts keeping
/// the lowest inertia, tolerance scaled by the mean feature variance), with Hamerly's bounds so that most points skip
/// the distance computations once centres settle. Rows are processed in fixed chunks in parallel and partial sums are
/// merged in chunk order, so results are bit-identical whatever the thread timing.
/// </summary>
public static partial class KMeans
{
    internal const int ChunkSize = 8192;

    /// <summary>Fits K-Means on <paramref name="x"/>.</summary>
    public static KMeansModel Fit(FeatureMatrix x, KMeansOptions options)
    {
        if (options.K < 1 || options.K > x.Rows)
        {
            throw new SegmentaException($"Cannot make {options.K} segments from {x.Rows} customers: choose k between 1 and {x.Rows}.");
        }
        if (x.Rows >= options.MiniBatchAbove)
        {
            return MiniBatchKMeans.Fit(x, options);
        }
        return Restarts(x, options, 0, null);
    }

    /// <summary>
    /// As <see cref="Fit"/>, given <paramref name="bestOfFirst"/>, the result of the same fit with only the first
    /// <paramref name="done"/> restarts (a restart's seed depends on its number, not on how many there are): runs the
    /// other restarts only, with the same result as all of them.
    /// </summary>
    internal static KMeansModel FitRemaining(FeatureMatrix x, KMeansOptions options, KMeansModel bestOfFirst, int done)
    {
        if (x.Rows >= options.MiniBatchAbove || done <= 0)
        {
            // Mini-batch restarts are starts judged on one sample, not fits of their own: nothing to share.
            return Fit(x, options);
        }
        return done >= options.NInit ? bestOfFirst : Restarts(x, options, done, bestOfFirst);
    }

    private static KMeansModel Restarts(FeatureMatrix x, KMeansOptions options, int first, KMeansModel? bestBefore)
    {
        var tolerance = options.Tolerance * MeanVariance(x);
        // Restarts run in parallel, each with its own seed; the lowest inertia wins, the earliest restart on a tie,
        // so the result is the same as one restart after another.
        var models = new KMeansModel[options.NInit - first];
        Parallel.For(first, options.NInit, run =>
        {
            var random = new Random(unchecked(options.Seed * 7919 + run * 104_729 + 17));
            models[run - first] = Lloyd(x, PlusPlus(x, options.K, random), options.K, options.MaxIterations, tolerance);
        });
        // The best of the earlier restarts comes first: it wins ties against the later ones, as in one pass over all.
        var best = bestBefore ?? models[0];
        foreach (var model in models)
        {
            if (model.Inertia < best.Inertia)
            {
                best = model;
            }
        }
        return best;
    }

    /// <summary>Runs Lloyd iterations (with Hamerly's bounds) from the given centres.</summary>
    internal static KMeansModel Lloyd(FeatureMatrix x, double[] centers, int k, int maxIterations, double tolerance)
    {
        var state = new HamerlyState(x, k, centers);
        state.AssignAll();
        var converged = false;
        var iterations = 0;
        while (iterations < maxIterations)
        {
            iterations++;
            var shift = state.MoveCenters();
            if (shift.TotalSquared <= tolerance)
            {
                converged = true;
                break;
            }
            state.UpdateBounds(shift.PerCenter);
            if (state.Reassign() == 0)
            {
                converged = true;
                break;
            }
        }
        var (labels, inertia) = state.FinalAssignment();
        return new KMeansModel(state.Centers, k, x.Columns, labels, inertia, iterations, converged);
    }

    /// <summary>Greedy k-means++: each new centre is the best of 2 + ln k candidates drawn with probability ∝ D².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // inlines Distance.Squared: Vector<T>, not ReadyToRun (decision 52)
    internal static double[] PlusPlus(FeatureMatrix x, int k, Random random)
    {
        var (n, d) = (x.Rows, x.Columns);
        var centers = new double[k * d];
        var trials = 2 + (int)Math.Log(k);
        var first = random.Next(n);
        x.Row(first).CopyTo(centers.AsSpan(0, d));
        var closest = new double[n];
        for (var i = 0; i < n; i++)
        {
            closest[i] = Distance.Squared(x.Row(i), x.Row(first));
        }
        var potential = closest.Sum();
        var candidate = new double[n];
        var bestCandidate = new double[n];
        var cumulative = new double[n];
        for (var c = 1; c < k; c++)
        {
            var running = 0.0;
            for (var i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }
            var (bestIndex, bestPotential) = (-1, double.MaxValue);
            for (var t = 0; t < trials; t++)
            {
                var target = random.NextDouble() * potential;
                var index = Array.BinarySearch(cumulative, target);
                index = Math.Min(index < 0 ? ~index : index, n - 1);
                var sum = 0.0;
                for (var i = 0; i < n; i++)
                {
                    candidate[i] = Math.Min(closest[i], Distance.Squared(x.Row(i), x.Row(index)));
                    sum += candidate[i];
                }
                if (sum < bestPotential)
                {
                    (bestIndex, bestPotential) = (index, sum);
                    candidate.CopyTo(bestCandidate, 0);
                }
            }
            x.Row(bestIndex).CopyTo(centers.AsSpan(c * d, d));
            bestCandidate.CopyTo(closest, 0);
            potential = bestPotential;
        }
        return centers;
    }

    internal static double MeanVariance(FeatureMatrix x)
    {
        var total = 0.0;
        for (var c = 0; c < x.Columns; c++)
        {
            var column = x.Column(c);
            var mean = column.Average();
            total += column.Sum(v => (v - mean) * (v - mean)) / column.Length;
        }
        return total / x.Columns;
    }
}
