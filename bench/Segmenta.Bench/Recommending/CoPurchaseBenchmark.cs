using System.Diagnostics;
using Segmenta.Recommending;
using Segmenta.Store;

namespace Segmenta.Bench.Recommending;

/// <summary>Counts customer co-purchase pairs (support ≥ MinSupport) three ways and returns the best of three timings.</summary>
internal static class CoPurchaseBenchmark
{
    public static List<(string Name, double Milliseconds)> Run(SegmentaStore store, RecommendationOptions options)
    {
        var log = PurchaseLogLoader.Load(store, options, out _);
        var data = Interactions.Build(log, log.LastDay, options.RecencyHalfLifeDays);
        long csharpPairs = 0, sqlPairs = 0;
        var results = new List<(string, double)>
        {
            ("C# sparse, 1 thread, all pairs", Best(() => csharpPairs = CoOccurrence.CountPairs(data.RowStart, data.Items, data.ColumnStart, data.Buyers, data.Products, options.MinSupport))),
            ("C# sparse, parallel, top-50 cosine", Best(() => FittedRecommenders.SimilarityNeighbours(data, options))),
        };
        store.Execute("""
            CREATE OR REPLACE TEMP TABLE bench_customer_products AS
            SELECT DISTINCT customer_id, stock_code FROM clean_lines WHERE quantity > 0 AND customer_id IS NOT NULL
            """);
        var sql = """
            SELECT count(*) FROM (
                SELECT a.stock_code, b.stock_code, count(*) AS together
                FROM bench_customer_products a JOIN bench_customer_products b
                  ON a.customer_id = b.customer_id AND a.stock_code < b.stock_code
                GROUP BY ALL HAVING count(*) >= $s)
            """;
        results.Add(("DuckDB SQL self-join, all pairs", Best(() => sqlPairs = store.Scalar<long>(sql, ("s", options.MinSupport)))));
        results.Add(($"(pairs: C# {csharpPairs:N0}, SQL {sqlPairs:N0}; SQL includes non-products)", 0));
        return results;
    }

    private static double Best(Action work)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            work();
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }
        return best;
    }

    private static double Best<T>(Func<T> work) => Best(() => { _ = work(); });
}
