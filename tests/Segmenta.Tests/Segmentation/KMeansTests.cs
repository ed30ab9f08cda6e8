using CsCheck;
using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

public class KMeansTests
{
    // scikit-learn 1.2.1 KMeans(n_clusters=k, n_init=10, random_state=0).inertia_ on log1p(R,F,M) standard-scaled
    // (the figures, reproduced by bench/segmentation/sklearn_reference.py).
    [Theory]
    [InlineData(2, 6476.51)]
    [InlineData(3, 4858.19)]
    [InlineData(4, 3925.49)]
    [InlineData(5, 3269.68)]
    [InlineData(6, 2841.55)]
    [InlineData(7, 2533.01)]
    [InlineData(8, 2332.00)]
    [InlineData(9, 2145.55)]
    [InlineData(10, 1989.36)]
    public void Inertia_is_no_worse_than_scikit_learn_by_more_than_half_a_percent(int k, double sklearnInertia)
    {
        var model = KMeans.Fit(ClassicRfm.Scaled, new KMeansOptions(k, Seed: 0, NInit: 10));
        Assert.True(model.Inertia <= sklearnInertia * 1.005, $"k={k}: {model.Inertia:F2} vs scikit-learn {sklearnInertia}");
        Assert.True(model.Converged);
    }

    [Fact]
    public void Fit_finds_the_three_blobs_it_was_given()
    {
        var random = new Random(3);
        var values = new List<double>();
        double[][] centers = [[0, 0], [10, 10], [-10, 10]];
        for (var i = 0; i < 300; i++)
        {
            var c = centers[i % 3];
            values.AddRange([c[0] + random.NextDouble() - 0.5, c[1] + random.NextDouble() - 0.5]);
        }
        var x = new FeatureMatrix([.. values], 300, 2, ["a", "b"]);
        var model = KMeans.Fit(x, new KMeansOptions(3, Seed: 1));
        var truth = Enumerable.Range(0, 300).Select(i => i % 3).ToArray();
        Assert.Equal(1.0, ClusterMetrics.AdjustedRandIndex(truth, model.Labels), 9);
        Assert.Equal(model.Labels, model.Predict(x));
    }

    [Fact]
    public void The_same_data_and_seed_give_bit_identical_results()
    {
        var a = KMeans.Fit(ClassicRfm.Scaled, new KMeansOptions(5, Seed: 42, NInit: 3));
        var b = KMeans.Fit(ClassicRfm.Scaled, new KMeansOptions(5, Seed: 42, NInit: 3));
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Inertia, b.Inertia);
        Assert.Equal(a.Centroids, b.Centroids);
    }

    [Fact]
    public void Labels_lie_in_range_and_inertia_never_rises_with_more_iterations()
    {
        Gen.Select(Gen.Int[2, 6], Gen.Int[0, 1000]).Sample((k, seed) =>
        {
            var x = ClassicRfm.Scaled;
            var start = KMeans.PlusPlus(x, k, new Random(seed));
            var inertias = Enumerable.Range(1, 6).Select(iterations => KMeans.Lloyd(x, start, k, iterations, 0).Inertia).ToArray();
            var labels = KMeans.Lloyd(x, start, k, 6, 0).Labels;
            return labels.All(l => l >= 0 && l < k) && inertias.Zip(inertias.Skip(1)).All(p => p.Second <= p.First + 1e-9);
        }, iter: 20);
    }

    [Fact]
    public void Asking_for_more_segments_than_customers_is_a_clear_error()
    {
        var x = new FeatureMatrix([1, 2, 3], 3, 1, ["a"]);
        Assert.Throws<SegmentaException>(() => KMeans.Fit(x, new KMeansOptions(4)));
    }

    [Theory]
    [InlineData(typeof(HamerlyState), "FullSearch")]
    [InlineData(typeof(HamerlyState), "Reassign")]
    [InlineData(typeof(HamerlyState), "FarthestPoint")]
    [InlineData(typeof(KMeans), "PlusPlus")]
    [InlineData(typeof(HamerlyState), "MoveCenters")]
    [InlineData(typeof(KMeansModel), "Nearest")]
    [InlineData(typeof(ClusterMetrics), "DaviesBouldin")]
    [InlineData(typeof(ClusterMetrics), "CalinskiHarabasz")]
    public void The_distance_loops_are_compiled_fully_optimised_at_their_first_call(Type type, string name)
    {
        // They inline Distance.Squared (Vector<T>), which ReadyToRun cannot precompile: at tier 0 the segmenting step took
        // 1.54-1.77 s instead of 1.14-1.37 s on the shared data (docs/benchmarks.md, session 8; decision 52).
        const System.Reflection.BindingFlags Any = System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Instance
            | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;
        var method = type.GetMethod(name, Any)!;

        Assert.True(method.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization));
    }

    [Theory]
    [InlineData(typeof(HamerlyState), "<Reassign>")]
    [InlineData(typeof(ClusterMetrics), "<Silhouette>")]
    public void The_distance_loops_inside_lambdas_are_compiled_fully_optimised_too(Type type, string lambdaOf)
    {
        // A lambda is a method of its own: the attribute of the method that holds it does not reach it. Reassign's chunk loop
        // still ran at tier 0 in session 8's runs (perf: [QuickJitted]); the loop body is the lambda that must carry it.
        const System.Reflection.BindingFlags Any = System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Instance
            | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly;
        var lambdas = type.GetNestedTypes(Any).Prepend(type).SelectMany(t => t.GetMethods(Any)).Where(m => m.Name.StartsWith(lambdaOf, StringComparison.Ordinal)).ToList();

        Assert.Contains(lambdas, m => m.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization));
    }
}
