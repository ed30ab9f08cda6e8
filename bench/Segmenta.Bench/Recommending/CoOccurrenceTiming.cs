using System.Diagnostics;
using Segmenta.Recommending;
using Segmenta.Store;

namespace Segmenta.Bench.Recommending;

/// <summary>
/// `dotnet Segmenta.Bench.dll cooccurrence STORE.duckdb [repeats]`: the shape of the co-occurrence work at the evaluation's
/// cut (Σ of squared row lengths, by row length) and the CPU of the item-to-item and rule neighbours.
/// </summary>
internal static class CoOccurrenceTiming
{
    internal static void Run(string[] args)
    {
        var source = args.Length > 0 ? args[0] : throw new ArgumentException("Give the path of a segmenta.duckdb.");
        var repeats = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var work = Path.Combine(Path.GetTempPath(), $"segmenta-cooc-{Environment.ProcessId}.duckdb");
        File.Copy(source, work, overwrite: true);
        try
        {
            using var store = SegmentaStore.Open(work);
            var options = new RecommendationOptions();
            var log = PurchaseLogLoader.Load(store, options, out _);
            var cut = PurchaseLog.ToDay(RecommendationEvaluator.DefaultCutoff(log));
            var data = Interactions.Build(log, cut, options.RecencyHalfLifeDays);
            Shape("customers", data.RowStart, data.Products);
            Shape("orders", data.BasketStart, data.Products);
            var process = Process.GetCurrentProcess();
            void Time(string name, Action action)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                action();
                process.Refresh();
                Console.WriteLine($"{name,-36} {watch.Elapsed.TotalMilliseconds,8:0} ms wall {(process.TotalProcessorTime - cpu).TotalMilliseconds,8:0} ms CPU");
            }
            for (var r = 0; r < repeats; r++)
            {
                Time("item-to-item neighbours at the cut", () => FittedRecommenders.SimilarityNeighbours(data, options));
                Time("rule neighbours at the cut", () => FittedRecommenders.RuleNeighbours(data, options, options.Neighbours));
                double Cosine(int i, int j, int together) => together / Math.Sqrt((double)data.BuyerCount(i) * data.BuyerCount(j));
                Time("item-to-item, counter path", () => CoOccurrence.NeighboursByCounter(data.RowStart, data.Items, data.ColumnStart, data.Buyers, data.Products, options.MinSupport, options.Neighbours, Cosine));
                Time("item-to-item, triangle path", () => CoOccurrence.NeighboursByTriangle(data.RowStart, data.Items, data.ColumnStart, data.Buyers, data.Products, options.MinSupport, options.Neighbours, Cosine));
            }
        }
        finally
        {
            File.Delete(work);
        }
    }

    private static void Shape(string name, int[] start, int products)
    {
        var rows = start.Length - 1;
        long entries = 0, squares = 0;
        var byLength = new SortedDictionary<int, (long Rows, long Squares)>();
        foreach (var bound in (int[])[10, 25, 50, 100, 200, 400, 800, int.MaxValue])
        {
            byLength[bound] = (0, 0);
        }
        for (var r = 0; r < rows; r++)
        {
            long m = start[r + 1] - start[r];
            entries += m;
            squares += m * m;
            var bound = byLength.Keys.First(b => m <= b);
            var (n, s) = byLength[bound];
            byLength[bound] = (n + 1, s + (m * m));
        }
        Console.WriteLine($"{name}: {rows:N0} rows, {products:N0} products, {entries:N0} entries, sum of squared lengths {squares:N0}");
        foreach (var (bound, (n, s)) in byLength)
        {
            Console.WriteLine($"  length <= {(bound == int.MaxValue ? "max" : bound.ToString(System.Globalization.CultureInfo.InvariantCulture)),5}: {n,9:N0} rows, {s,16:N0} squared ({100.0 * s / Math.Max(1, squares):0.0} %)");
        }
    }
}
