using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Segmenta.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/Segmenta.Bench -- load http://127.0.0.1:5080 [seconds=30] [clients=50]`:
/// a bounded load test of a running `segmenta serve`. Each client loops over real customer ids, alternating
/// GET /api/customers/{id} and GET /api/customers/{id}/recommendations; prints p50/p95/p99 latency and errors per route.
/// Target (issue #8): p95 under 50 ms at 50 clients for 30 s, zero errors.
/// </summary>
internal static class ApiLoadTest
{
    internal static async Task RunAsync(string baseUrl, int seconds, int clients)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var ids = new List<string>();
        foreach (var segment in (await http.GetFromJsonAsync<JsonElement>("/api/segments")).EnumerateArray().Take(6))
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/segments/{segment.GetProperty("segmentId").GetInt32()}/customers?segmentation={segment.GetProperty("segmentation").GetString()}&pageSize=200");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("customer_id").GetString()!));
        }
        var latencies = new[] { new List<double>(), new List<double>() };
        var errors = new int[2];
        var until = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            var mine = (new List<double>(), new List<double>());
            var mineErrors = new int[2];
            for (var n = 0; until.Elapsed.TotalSeconds < seconds; n++)
            {
                var route = n % 2;
                var id = ids[random.Next(ids.Count)];
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(route == 0 ? $"/api/customers/{id}" : $"/api/customers/{id}/recommendations?top=10");
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        mineErrors[route]++;
                    }
                }
                catch (HttpRequestException)
                {
                    mineErrors[route]++;
                }
                (route == 0 ? mine.Item1 : mine.Item2).Add(watch.Elapsed.TotalMilliseconds);
            }
            lock (latencies)
            {
                latencies[0].AddRange(mine.Item1);
                latencies[1].AddRange(mine.Item2);
                errors[0] += mineErrors[0];
                errors[1] += mineErrors[1];
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        string[] routes = ["GET /api/customers/{id}", "GET /api/customers/{id}/recommendations"];
        Console.WriteLine($"{clients} clients for {seconds} s against {baseUrl} ({ids.Count} customer ids)");
        for (var r = 0; r < 2; r++)
        {
            var sorted = latencies[r].Order().ToArray();
            double P(double q) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
            Console.WriteLine(FormattableString.Invariant(
                $"  {routes[r],-42} {sorted.Length,7} requests ({sorted.Length / (double)seconds,6:0} /s)  p50 {P(0.5),6:0.0} ms  p95 {P(0.95),6:0.0} ms  p99 {P(0.99),6:0.0} ms  errors {errors[r]}"));
        }
    }
}
