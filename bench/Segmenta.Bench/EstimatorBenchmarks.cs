using BenchmarkDotNet.Attributes;
using Segmenta.Segmentation;

namespace Segmenta.Bench;

/// <summary>
/// The two clustering estimators on the classic RFM matrix of the shared data (4,338 customers × 3 features, log1p +
/// standard scaling), one start each, so a change to the inner loops shows as a ratio:
/// `dotnet run -c Release --project bench/Segmenta.Bench -- --filter '*EstimatorBenchmarks*' --job short`.
/// </summary>
[MemoryDiagnoser]
public class EstimatorBenchmarks
{
    private FeatureMatrix _x = null!;

    /// <summary>Number of clusters (the shared data's chosen k is 4..6).</summary>
    [Params(4, 8)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var raw = SweepTiming.ReadRfm(Path.Combine(RepoRoot(), "tests", "Segmenta.Tests", "Data", "segmentation", "classic_rfm.csv"));
        _x = FeatureTransform.Fit(raw, Scaling.Standard, null).Apply(raw);
    }

    [Benchmark(Baseline = true)]
    public KMeansModel KMeansOneStart() => KMeans.Fit(_x, new KMeansOptions(K, Seed: 0, NInit: 1));

    [Benchmark]
    public GaussianMixtureModel GaussianMixtureOneStart() => GaussianMixture.Fit(_x, new GaussianMixtureOptions(K, CovarianceType.Full, Seed: 0, NInit: 1));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Segmenta.slnx")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
