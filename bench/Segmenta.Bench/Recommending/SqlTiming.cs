using System.Diagnostics;
using Segmenta.Store;

namespace Segmenta.Bench.Recommending;

internal static class SqlTiming
{
    public static void Run(SegmentaStore store)
    {
        store.Execute("CREATE OR REPLACE TEMP TABLE rec_non_product_codes (pattern VARCHAR); INSERT INTO rec_non_product_codes VALUES ('POST'); SET VARIABLE rec_segmentation = 'kmeans'");
        foreach (var statement in SqlScripts.Get("Recommending/purchases.sql").Split(";\n").Where(s => s.Trim().Length > 0))
        {
            var w = Stopwatch.StartNew();
            store.Execute(statement);
            Console.WriteLine($"{w.Elapsed.TotalMilliseconds,8:0} ms  {statement.Trim().Split('\n').Last(l => !l.StartsWith("--"))[..Math.Min(60, statement.Trim().Split('\n').Last().Length)]}");
        }
        var w2 = Stopwatch.StartNew();
        var n = store.Query(SqlScripts.Get("Recommending/purchase_lines.sql"), r => r.GetInt32(0)).Count;
        Console.WriteLine($"{w2.Elapsed.TotalMilliseconds,8:0} ms  lines {n}");
        w2.Restart();
        n = store.Query("SELECT count(*) FROM clean_lines", r => r.GetInt64(0)).Count;
        Console.WriteLine($"{w2.Elapsed.TotalMilliseconds,8:0} ms  count clean_lines");
    }
}
