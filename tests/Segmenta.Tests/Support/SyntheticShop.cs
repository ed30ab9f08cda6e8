using System.Globalization;
using System.Text;

namespace Segmenta.Tests.Support;

/// <summary>
/// A seeded shop of 240 customers and 40 products over 2011, written as an online-retail style CSV: large enough for
/// clustering, recommendations (history on both sides of the cut) and lifetime fits, small enough to analyse in seconds.
/// </summary>
internal static class SyntheticShop
{
    public const string Header = "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country";

    public static IReadOnlyList<string> Lines(int customers = 240, int seed = 11)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        var invoice = 500_000;
        for (var c = 0; c < customers; c++)
        {
            // Three kinds of customer: frequent small buyers, rare big buyers, one-off buyers; each keeps to a group of products.
            var kind = c % 3;
            var orders = kind switch { 0 => 6 + random.Next(8), 1 => 2 + random.Next(3), _ => 1 };
            var group = c % 4;
            var firstDay = random.Next(0, 200);
            for (var o = 0; o < orders; o++)
            {
                var day = Math.Min(364, firstDay + (int)(random.NextDouble() * (365 - firstDay)));
                var date = new DateTime(2011, 1, 1, 9 + random.Next(8), random.Next(60), 0).AddDays(day);
                var items = 2 + random.Next(3);
                invoice++;
                for (var i = 0; i < items; i++)
                {
                    var product = random.NextDouble() < 0.8 ? group * 10 + random.Next(10) : random.Next(40);
                    var quantity = kind == 1 ? 12 + random.Next(36) : 1 + random.Next(6);
                    var price = 0.85m + product * 0.25m;
                    lines.Add(string.Join(',', invoice.ToString(CultureInfo.InvariantCulture), $"P{product:00}", $"PRODUCT {product:00}",
                        quantity.ToString(CultureInfo.InvariantCulture), date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                        price.ToString(CultureInfo.InvariantCulture), (12000 + c).ToString(CultureInfo.InvariantCulture), c % 5 == 0 ? "France" : "United Kingdom"));
                }
            }
        }
        return lines;
    }

    public static string Csv(IEnumerable<string>? lines = null) => Header + "\n" + string.Join("\n", lines ?? Lines()) + "\n";

    /// <summary>A playbook whose one entry matches every cluster, so its action shows whether the playbook survived.</summary>
    public const string CustomPlaybook = """
        {"entries": [{"id": "custom-letter", "action": "Send the custom letter", "why": "the test's own playbook", "when": {}}]}
        """;

    /// <summary>Recommendations per customer in recommendations.csv.</summary>
    public static IReadOnlyList<int> ListLengths(string recommendationsCsv) =>
        [.. File.ReadLines(recommendationsCsv).Skip(1).GroupBy(l => l.Split(',')[0]).Select(g => g.Count()).Distinct().Order()];

    /// <summary>The Action column of the clusters' rows of segments.csv (the action is the 4th field from the end, free of commas here).</summary>
    public static IReadOnlyList<string> ClusterActions(string segmentsCsv)
    {
        var header = File.ReadLines(segmentsCsv).First().Split(',');
        var action = Array.IndexOf(header, "Action");
        return [.. File.ReadLines(segmentsCsv).Skip(1).Where(l => !l.StartsWith("rfm,", StringComparison.Ordinal))
            .Select(l => l.Contains("Send the custom letter", StringComparison.Ordinal) ? "Send the custom letter" : $"other ({action})").Distinct()];
    }

    public static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
