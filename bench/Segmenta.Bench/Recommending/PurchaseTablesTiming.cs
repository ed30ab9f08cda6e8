using System.Diagnostics;
using Segmenta.Cleaning;
using Segmenta.Recommending;
using Segmenta.Store;

namespace Segmenta.Bench.Recommending;

/// <summary>
/// `dotnet Segmenta.Bench.dll purchase-tables STORE.duckdb [repeats]`: on a copy of the store, CPU and wall time of
/// writing the integer purchase tables (what the cleaning step now adds) and of reading the recommenders' purchase log
/// from them and from clean_lines (alternately), and whether both logs are equal. `purchase-tables STORE write` writes
/// the tables into STORE itself.
/// </summary>
internal static class PurchaseTablesTiming
{
    internal static void Run(string[] args)
    {
        var source = args.Length > 0 ? args[0] : throw new ArgumentException("Give the path of a segmenta.duckdb.");
        if (args.Length > 1 && args[1] == "write")
        {
            // `purchase-tables STORE write`: writes the tables into STORE itself (as analyze now does after cleaning).
            using var target = SegmentaStore.Open(source);
            var watch = Stopwatch.StartNew();
            PurchaseTables.Write(target);
            Console.WriteLine($"purchase tables written, {watch.Elapsed.TotalSeconds:0.00} s wall, {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.00} s CPU (process)");
            return;
        }
        var repeats = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var work = Path.Combine(Path.GetTempPath(), $"segmenta-purchase-tables-{Environment.ProcessId}.duckdb");
        File.Copy(source, work, overwrite: true);
        try
        {
            using var store = SegmentaStore.Open(work);
            var options = new RecommendationOptions();
            var process = Process.GetCurrentProcess();
            T Time<T>(string name, Func<T> work)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var value = work();
                process.Refresh();
                Console.WriteLine($"{watch.Elapsed.TotalMilliseconds,8:0} ms wall {(process.TotalProcessorTime - cpu).TotalMilliseconds,8:0} ms CPU  peak {process.PeakWorkingSet64 / 1048576,6} MB  {name}");
                return value;
            }
            PurchaseLog fromTables = null!, fromLines = null!;
            for (var r = 0; r < repeats; r++)
            {
                Time("write purchase tables", () => { PurchaseTables.Write(store); return true; });
                fromLines = Time("load log from clean_lines", () => PurchaseLogLoader.Load(store, options, out _, fromCleanLines: true));
                fromTables = Time("load log from purchase tables", () => PurchaseLogLoader.Load(store, options, out _));
            }
            Console.WriteLine($"{fromTables.Lines} lines, {fromTables.Customers} customers, {fromTables.Products} products; logs equal: {Differences(fromLines, fromTables)}");
        }
        finally
        {
            File.Delete(work);
            File.Delete(work + ".wal");
        }
    }

    /// <summary>"yes", or which arrays differ (the customers' countries before any line may differ on ties only).</summary>
    internal static string Differences(PurchaseLog a, PurchaseLog b)
    {
        var differ = new List<string>();
        void Check<T>(string name, T[] x, T[] y)
        {
            if (!x.SequenceEqual(y))
            {
                differ.Add($"{name} ({x.Length} vs {y.Length}, {x.Zip(y).Count(p => !EqualityComparer<T>.Default.Equals(p.First, p.Second))} differ)");
            }
        }
        Check("customer ids", a.CustomerIds, b.CustomerIds);
        Check("stock codes", a.StockCodes, b.StockCodes);
        Check("descriptions", a.Descriptions, b.Descriptions);
        Check("customer starts", a.CustomerStart, b.CustomerStart);
        Check("product", a.Product, b.Product);
        Check("order", a.Order, b.Order);
        Check("day", a.Day, b.Day);
        Check("units", a.Units, b.Units);
        Check("revenue", a.Revenue, b.Revenue);
        Check("segment", a.CustomerSegment, b.CustomerSegment);
        Check("segment names", a.SegmentNames, b.SegmentNames);
        Check("customer country", a.CustomerCountry, b.CustomerCountry);
        Check("country names", a.CountryNames, b.CountryNames);
        Check("line country", a.LineCountry ?? [], b.LineCountry ?? []);
        return differ.Count == 0 ? "yes" : "no: " + string.Join(", ", differ);
    }
}
