using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Segmenta.Cli;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cli;

/// <summary>
/// Issue 14 item 4: files with customer and date only, or customer, date and product (a grocery basket log), run end to
/// end. Expected counts are computed here from the generated lines, independently of Segmenta.
/// </summary>
[Collection("Console")]
public partial class MinimalDataCliTests
{
    private const string NoAmount = "No amount in this file: money-based analyses skipped";

    private static readonly DateOnly Start = new(2015, 1, 1);

    private static (int Exit, string Output, string Error) Segmenta(params string[] args) => ConsoleCapture.Run(() => CliApp.Run(args));

    /// <summary>customer, date (dd-MM-yyyy) and product per line; seeded, with repeat visits and a few popular products.</summary>
    private static List<(string Customer, DateOnly Date, string Product)> BasketLines(int customers, int seed)
    {
        var random = new Random(seed);
        var lines = new List<(string, DateOnly, string)>();
        for (var c = 0; c < customers; c++)
        {
            var visits = 1 + random.Next(12);
            for (var v = 0; v < visits; v++)
            {
                var date = Start.AddDays(random.Next(700));
                var items = 1 + random.Next(4);
                for (var i = 0; i < items; i++)
                {
                    var product = random.NextDouble() < 0.6 ? random.Next(10) : random.Next(40);
                    lines.Add((string.Create(CultureInfo.InvariantCulture, $"{1000 + c}"), date, string.Create(CultureInfo.InvariantCulture, $"item {product:00}")));
                }
            }
        }
        return lines;
    }

    [Fact]
    public void A_basket_log_without_amount_gives_customers_cohorts_and_recommendations()
    {
        using var directory = new TempDirectory();
        var lines = BasketLines(300, seed: 14);
        var csv = new StringBuilder("Member_number,Date,itemDescription\n");
        foreach (var (customer, date, product) in lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{customer},{date:dd-MM-yyyy},{product}\n");
        }
        var input = directory.Write("groceries.csv", csv.ToString());
        var output = directory.File("out");

        var (exit, wrapped, error) = Segmenta("analyze", input, "--out", output);
        var terminal = Regex.Replace(wrapped, @"\s+", " "); // the terminal wraps long notes

        Assert.True(exit == 0, error + wrapped);
        Assert.Single(Regex.Matches(terminal, Regex.Escape(NoAmount)));
        Assert.DoesNotContain("Recommendations skipped", terminal);

        // Every line loaded and kept: no rule needs money, and equal lines without an invoice are separate purchases.
        var report = Csv(Path.Combine(output, "cleaning.csv"));
        Assert.Equal(lines.Count.ToString(CultureInfo.InvariantCulture), report.Single(r => r["Rule"] == "kept")["Lines"]);
        Assert.All(report, r => Assert.Equal("", r["Revenue"]));

        // Customers: frequency = distinct days (no invoice column), recency to the day after the last date, no Monetary.
        var asOf = lines.Max(l => l.Date).AddDays(1);
        var expected = lines.GroupBy(l => l.Customer).ToDictionary(g => g.Key, g => (
            Frequency: g.Select(l => l.Date).Distinct().Count(),
            Recency: asOf.DayNumber - g.Max(l => l.Date).DayNumber,
            Products: g.Select(l => l.Product).Distinct().Count()));
        var customers = Csv(Path.Combine(output, "customers.csv"));
        Assert.Equal(300, customers.Count);
        foreach (var row in customers)
        {
            var (frequency, recency, products) = expected[row["CustomerId"]];
            Assert.Equal(frequency.ToString(CultureInfo.InvariantCulture), row["Frequency"]);
            Assert.Equal(recency.ToString(CultureInfo.InvariantCulture), row["Recency"]);
            Assert.Equal(products.ToString(CultureInfo.InvariantCulture), row["DistinctProducts"]);
            Assert.Equal("", row["Monetary"]);
            Assert.Equal("", row["AverageOrderValue"]);
            Assert.NotEqual("", row["RfmSegment"]);
        }

        AssertCohorts(output, lines.Select(l => (l.Customer, l.Date)));

        // Recommendations: a list for customers, of products in the file, and the offline evaluation ran.
        var recommendations = Csv(Path.Combine(output, "recommendations.csv"));
        var productNames = lines.Select(l => l.Product).ToHashSet();
        Assert.NotEmpty(recommendations);
        Assert.All(recommendations, r => Assert.True(expected.ContainsKey(r["CustomerId"]), r["CustomerId"]));
        Assert.All(recommendations, r => Assert.Contains(r["StockCode"], productNames));
        Assert.NotEmpty(Csv(Path.Combine(output, "recommendation-evaluation.csv")));

        AssertNoUndefinedText(output);
    }

    [Fact]
    public void A_file_of_customer_and_date_only_gives_frequency_recency_cohorts_and_purchase_counts()
    {
        using var directory = new TempDirectory();
        // Buy till you die: each customer buys at their own rate (exponential gaps) and drops out after a purchase with
        // probability 0.15, so the counting models have a dropout to identify.
        var random = new Random(41);
        var visits = new List<(string Customer, DateOnly Date)>();
        for (var c = 0; c < 250; c++)
        {
            var day = random.Next(400);
            var rate = 0.01 + (random.NextDouble() * 0.05);
            do
            {
                visits.Add((string.Create(CultureInfo.InvariantCulture, $"C{c:000}"), Start.AddDays(day)));
                day += 1 + (int)(-Math.Log(1 - random.NextDouble()) / rate);
            }
            while (day < 730 && random.NextDouble() >= 0.15);
        }
        var input = directory.Write("visits.csv", "customer,date\n" + string.Concat(visits.Select(v => $"{v.Customer},{v.Date:yyyy-MM-dd}\n")));
        var output = directory.File("out");

        var (exit, wrapped, error) = Segmenta("analyze", input, "--out", output);
        var terminal = Regex.Replace(wrapped, @"\s+", " "); // the terminal wraps long notes

        Assert.True(exit == 0, error + wrapped);
        Assert.Single(Regex.Matches(terminal, Regex.Escape(NoAmount)));
        Assert.True(terminal.Contains("gamma-gamma spend model is skipped", StringComparison.Ordinal), terminal);
        var expected = visits.GroupBy(v => v.Customer).ToDictionary(g => g.Key, g => g.Select(v => v.Date).Distinct().Count());
        var customers = Csv(Path.Combine(output, "customers.csv"));
        Assert.Equal(expected.Count, customers.Count);
        Assert.All(customers, row => Assert.Equal(expected[row["CustomerId"]].ToString(CultureInfo.InvariantCulture), row["Frequency"]));
        Assert.All(customers, row => Assert.Equal("", row["Monetary"]));
        AssertCohorts(output, visits);

        // Lifetime: the counting model predicts purchases for every customer; no spend model was fitted.
        var models = File.ReadAllText(Path.Combine(output, "clv-models.csv"));
        Assert.DoesNotContain("gamma-gamma", models);
        // The report: counts instead of money charts, and the reason said once.
        var report = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Single(Regex.Matches(report, Regex.Escape(NoAmount)));
        Assert.Contains("Orders and active customers by month", report);
        Assert.DoesNotContain("Line chart of monthly revenue", report);
        Assert.DoesNotContain("Net sales share by RFM segment", report);
        Assert.True(File.Exists(Path.Combine(output, "exploration", "skipped.csv")));
        Assert.False(File.Exists(Path.Combine(output, "exploration", "pareto.csv")));
        AssertNoUndefinedText(output);
    }

    /// <summary>cohorts.csv: customers per month of first purchase, every month with a new customer, revenue empty.</summary>
    private static void AssertCohorts(string output, IEnumerable<(string Customer, DateOnly Date)> purchases)
    {
        var expected = purchases.GroupBy(p => p.Customer)
            .GroupBy(g => g.Min(p => p.Date).ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count().ToString(CultureInfo.InvariantCulture)))
            .ToList();
        var cohorts = Csv(Path.Combine(output, "exploration", "cohorts.csv"));
        Assert.Equal(expected, cohorts.Select(r => (r["CohortMonth"], r["Customers"])).ToList());
        Assert.All(cohorts, r => Assert.Equal("", r["Revenue"]));
    }

    /// <summary>No output says NaN or Infinity: an undefined value is an empty cell.</summary>
    private static void AssertNoUndefinedText(string output)
    {
        foreach (var file in Directory.GetFiles(output, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".csv", StringComparison.Ordinal)
            || f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            Assert.False(Undefined().IsMatch(text), $"{file} holds {Undefined().Match(text).Value}");
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z])(NaN|nan|Infinity|∞)(?![A-Za-z])")]
    private static partial Regex Undefined();

    /// <summary>Rows of a simple CSV (no quoted commas in the columns read here) as header → cell.</summary>
    private static List<Dictionary<string, string>> Csv(string path)
    {
        var all = File.ReadAllLines(path);
        var header = all[0].Split(',');
        return all.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split(',');
            return header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i < cells.Length ? cells[p.i] : "");
        }).ToList();
    }
}
