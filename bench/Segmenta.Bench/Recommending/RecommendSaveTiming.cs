using System.Diagnostics;
using Segmenta.Recommending;
using Segmenta.Store;

namespace Segmenta.Bench.Recommending;

/// <summary>
/// `dotnet Segmenta.Bench.dll recommend-save STORE.duckdb`: computes the recommendations once on a copy of the store,
/// then writes the stage's tables as the stage does and times the write and the checkpoint apart (the WAL's size
/// after the write says whether DuckDB's automatic checkpoint ran inside it).
/// </summary>
internal static class RecommendSaveTiming
{
    internal static void Run(string[] args)
    {
        var source = args.Length > 0 ? args[0] : throw new ArgumentException("Give the path of a segmenta.duckdb.");
        var threshold = args.Length > 1 ? args[1] : null;
        var work = Path.Combine(Path.GetTempPath(), $"segmenta-rec-save-{Environment.ProcessId}.duckdb");
        File.Copy(source, work, overwrite: true);
        try
        {
            using var store = SegmentaStore.Open(work);
            var result = Recommender.Compute(store, new RecommendationOptions());
            store.Execute("CHECKPOINT");
            if (threshold is not null)
            {
                store.Execute($"SET checkpoint_threshold = '{threshold}'");
            }
            var process = Process.GetCurrentProcess();
            void Time(string name, Action action)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                action();
                process.Refresh();
                var wal = new FileInfo(work + ".wal");
                Console.WriteLine($"{name,-30} {watch.Elapsed.TotalMilliseconds,8:0} ms wall {(process.TotalProcessorTime - cpu).TotalMilliseconds,8:0} ms CPU  wal {(wal.Exists ? wal.Length / 1048576.0 : 0),8:0.0} MB");
            }
            for (var i = 0; i < 3; i++)
            {
                Time("write tables", () => Recommender.Save(store, result));
                Time("checkpoint", () => store.Execute("CHECKPOINT"));
                Time("write tables in one transaction", () =>
                {
                    store.Execute("BEGIN TRANSACTION");
                    Recommender.Save(store, result);
                    store.Execute("COMMIT");
                });
                Time("checkpoint", () => store.Execute("CHECKPOINT"));
            }
        }
        finally
        {
            File.Delete(work);
            File.Delete(work + ".wal");
        }
    }
}
