using System.Globalization;
using BenchmarkDotNet.Running;

namespace Segmenta.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/Segmenta.Bench -- sweep [rfm.csv] [repeats]` times the segmentation stage;
/// `-- kmeans-1m [dir]` writes a synthetic 1M x 8 matrix and its k-means++ start for bench/segmentation/sklearn_kmeans_1m.py
/// and times our Lloyd iterations from the same start; anything else goes to BenchmarkDotNet.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "sweep":
                SweepTiming.Run(args.Length > 1 ? args[1] : "tests/Segmenta.Tests/Data/segmentation/classic_rfm.csv",
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
                return 0;
            case "load":
                ApiLoadTest.RunAsync(args.Length > 1 ? args[1] : "http://127.0.0.1:5080", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30,
                    args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50).GetAwaiter().GetResult();
                return 0;
            case "explore":
                ExplorationTiming.Run(args.Length > 1 ? args[1] : "data/online-retail.csv.gz");
                return 0;
            case "recommend-1m":
                Recommending.LargeRecommendingMemory.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
                    args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50_000);
                return 0;
            case "recommend":
                Recommending.RecommendTiming.Run([.. args.Skip(1)]);
                return 0;
            case "recommend-once":
                Recommending.RecommendOnce.Run([.. args.Skip(1)]);
                return 0;
            case "recommend-parts":
                Recommending.RecommendParts.Run([.. args.Skip(1)]);
                return 0;
            case "recommend-save":
                Recommending.RecommendSaveTiming.Run([.. args.Skip(1)]);
                return 0;
            case "cooccurrence":
                Recommending.CoOccurrenceTiming.Run([.. args.Skip(1)]);
                return 0;
            case "purchase-tables":
                Recommending.PurchaseTablesTiming.Run([.. args.Skip(1)]);
                return 0;
            case "recommend-tune":
                Recommending.RecommendTuning.Run([.. args.Skip(1)]);
                return 0;
            case "load-parts":
                Loading.LoadTiming.Run(args.Length > 1 ? args[1] : "data/online-retail.csv.gz", args.Length > 2 && args[2] == "import");
                return 0;
            case "kmeans-1m":
                LargeKMeansTiming.Run(args.Length > 1 ? args[1] : "/tmp/segmenta-kmeans-1m");
                return 0;
            case "clv":
                LifetimeTiming.RunStore(args.Length > 1 ? args[1] : "out/segmenta.duckdb", args.Length > 2 ? args[2] : "bgnbd");
                return 0;
            case "clv-parts":
                LifetimeParts.Run(args[1]);
                return 0;
            case "sql":
                SqlRunner.Run([.. args.Skip(1)]);
                return 0;
            case "clean":
                Cleaning.CleanTiming.Run([.. args.Skip(1)]);
                return 0;
            case "middle":
                MiddleTiming.Run([.. args.Skip(1)]);
                return 0;
            case "clv-1m":
                LifetimeTiming.RunSynthetic(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
