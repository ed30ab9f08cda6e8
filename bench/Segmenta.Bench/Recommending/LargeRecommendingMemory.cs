using System.Diagnostics;
using Segmenta.Recommending;

namespace Segmenta.Bench.Recommending;

/// <summary>
/// `dotnet run -c Release --project bench/Segmenta.Bench -- recommend-1m [customers=1000000] [products=50000]`: a synthetic
/// purchase log (each customer 3 orders of 2-6 products, products drawn from a power law so a few sell a lot, as in
/// retail), then the all-data fit (sparse interactions, item-to-item neighbours, pair rules, popularity lists) and the
/// item-to-item top 10 for every customer. Prints time and peak working set per step: the issue asks that the
/// structures scale to 1,000,000 customers x 50,000 products without dense matrices.
/// </summary>
internal static class LargeRecommendingMemory
{
    internal static void Run(int customers, int products)
    {
        var process = Process.GetCurrentProcess();
        var watch = Stopwatch.StartNew();
        var log = Synthetic(customers, products, seed: 7);
        Report("synthetic purchase log", watch, process, $"{log.Lines:N0} lines, {log.Orders:N0} orders");
        var options = new RecommendationOptions();
        var interactions = Interactions.Build(log, log.LastDay, options.RecencyHalfLifeDays);
        Report("sparse interactions (CSR both ways)", watch, process, "");
        var models = new FittedRecommenders(interactions, options);
        Report("fit: item-to-item, rules, popularity, segments, countries", watch, process, "");
        var lists = Recommender.RecommendAll(models, models[RecommendationMethod.ItemToItem], 10);
        Report("item-to-item top 10 for every customer", watch, process, $"{lists.Count:N0} recommendations");
    }

    private static void Report(string step, Stopwatch watch, Process process, string detail)
    {
        process.Refresh();
        Console.WriteLine(FormattableString.Invariant($"{step,-58} {watch.Elapsed.TotalSeconds,7:0.00} s  peak working set {process.PeakWorkingSet64 / 1e6,7:0} MB  managed {GC.GetTotalMemory(false) / 1e6,7:0} MB  {detail}"));
        watch.Restart();
    }

    private static PurchaseLog Synthetic(int customers, int products, int seed)
    {
        var random = new Random(seed);
        var (customer, product, order, day) = (new List<int>(), new List<int>(), new List<int>(), new List<int>());
        var orderIndex = 0;
        for (var c = 0; c < customers; c++)
        {
            var orderDay = random.Next(0, 300);
            for (var o = 0; o < 3; o++)
            {
                orderDay += random.Next(1, 30);
                var items = new HashSet<int>();
                var size = random.Next(2, 7);
                while (items.Count < size)
                {
                    items.Add((int)(products * Math.Pow(random.NextDouble(), 3)));
                }
                foreach (var p in items.Order())
                {
                    customer.Add(c);
                    product.Add(p);
                    order.Add(orderIndex);
                    day.Add(orderDay);
                }
                orderIndex++;
            }
        }
        var lines = customer.Count;
        var ones = Enumerable.Repeat(1.0, lines).ToArray();
        return new PurchaseLog(
            [.. Enumerable.Range(0, customers).Select(c => $"C{c:0000000}")], [.. Enumerable.Range(0, products).Select(p => $"P{p:00000}")],
            [.. Enumerable.Range(0, products).Select(p => $"product {p}")], [.. customer], [.. product], [.. order], [.. day], ones, ones,
            [.. Enumerable.Range(0, customers).Select(c => c % 5)], ["s0", "s1", "s2", "s3", "s4"],
            [.. Enumerable.Range(0, customers).Select(c => c % 20)], [.. Enumerable.Range(0, 20).Select(i => $"country {i}")]);
    }
}
