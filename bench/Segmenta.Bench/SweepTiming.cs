using System.Diagnostics;
using System.Globalization;
using Segmenta.Segmentation;

namespace Segmenta.Bench;

/// <summary>Times the whole segmentation stage (k sweep, metrics, bootstrap, final fit, projection) and its parts.</summary>
internal static class SweepTiming
{
    internal static void Run(string path, int repeats)
    {
        var raw = ReadRfm(path);
        var options = new SegmentationOptions();
        var x = FeatureTransform.Fit(raw, options.Scaling, null).Apply(raw);
        Time("warm-up (whole stage)", 1, () => CustomerSegmenter.Run(raw, options));
        Time("whole stage: sweep k=2..10 x10 restarts, metrics, bootstrap x10, final fit, PCA", repeats, () => CustomerSegmenter.Run(raw, options));
        if (Environment.GetEnvironmentVariable("SEGMENTA_BENCH_STAGE_ONLY") == "1")
        {
            return;
        }
        Time("sweep without bootstrap", repeats, () => ModelSelector.Select(x, options with { BootstrapResamples = 0 }));
        Time("K-Means x10 restarts, k=2..10 only", repeats, () =>
        {
            for (var k = 2; k <= 10; k++)
            {
                KMeans.Fit(x, new KMeansOptions(k));
            }
        });
        Time("bootstrap: 10 resamples x k=2..10, K-Means x3 restarts + predict + ARI", repeats, () =>
        {
            var random = new Random(1);
            for (var k = 2; k <= 10; k++)
            {
                var full = KMeans.Fit(x, new KMeansOptions(k, NInit: 1)).Labels;
                for (var b = 0; b < 10; b++)
                {
                    var sample = Enumerable.Range(0, x.Rows).Select(_ => random.Next(x.Rows)).ToArray();
                    var predicted = KMeans.Fit(x.Select(sample), new KMeansOptions(k, b + 1, NInit: 3)).Predict(x);
                    ClusterMetrics.AdjustedRandIndex(full, predicted);
                }
            }
        });
        {
            var random = new Random(1);
            var sample = x.Select(Enumerable.Range(0, x.Rows).Select(_ => random.Next(x.Rows)).ToArray());
            foreach (var (name, m) in new[] { ("full", x), ("resample", sample) })
            {
                var fit = KMeans.Fit(m, new KMeansOptions(6, NInit: 1));
                Console.WriteLine($"{name}: iterations {fit.Iterations} converged {fit.Converged}");
                Time($"K-Means k=6 x1 on {name}", 20, () => KMeans.Fit(m, new KMeansOptions(6, NInit: 1)));
            }
        }
        Time("k-means++ only, k=2..10 x10", 5, () =>
        {
            for (var k = 2; k <= 10; k++)
            {
                for (var r = 0; r < 10; r++)
                {
                    KMeans.PlusPlus(x, k, new Random(r));
                }
            }
        });
        Time("final fit + PCA", repeats, () =>
        {
            KMeans.Fit(x, new KMeansOptions(4));
            Pca.Project2D(x);
        });
        Time("exact silhouette x9 (pairwise matrix once)", repeats, () =>
        {
            var distances = PairwiseDistances.TryCreate(x)!;
            var labels = KMeans.Fit(x, new KMeansOptions(4, NInit: 1)).Labels;
            for (var k = 2; k <= 10; k++)
            {
                distances.Silhouette(labels, 4);
            }
        });
    }

    private static void Time(string what, int repeats, Action action)
    {
        var times = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalSeconds);
        }
        times.Sort();
        Console.WriteLine(FormattableString.Invariant($"{what}: median {times[times.Count / 2]:0.000} s (min {times[0]:0.000}, n={repeats})"));
    }

    internal static FeatureMatrix ReadRfm(string path)
    {
        var lines = File.ReadAllLines(path).Skip(1).ToArray();
        var values = new double[lines.Length * 3];
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            for (var j = 0; j < 3; j++)
            {
                values[i * 3 + j] = double.Parse(fields[j + 1], CultureInfo.InvariantCulture);
            }
        }
        return new FeatureMatrix(values, lines.Length, 3, ["recency", "frequency", "monetary"]);
    }
}
