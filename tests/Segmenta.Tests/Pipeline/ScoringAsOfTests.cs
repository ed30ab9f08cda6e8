using System.Globalization;
using Segmenta.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Pipeline;

/// <summary>Issue 15: model.json carries the as-of date, and scoring measures new data to it.</summary>
public sealed class ScoringAsOfTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Customers_of_an_earlier_subset_get_the_segments_they_were_fitted_in()
    {
        var lines = SyntheticShop.Lines();
        var input = _directory.Write("shop.csv", SyntheticShop.Csv(lines));
        var options = new AnalysisOptions { Inputs = [input], OutputDirectory = _directory.File("out"), Recommendation = null, Lifetime = null };
        var run = AnalysisPipeline.Run(options);
        // Only the customers whose last purchase is two months before the end: measured to their own last day, their
        // recency would shrink by about 60 days; measured to the model's as-of date, it is what the fit saw.
        var lastDay = lines.GroupBy(Customer).ToDictionary(g => g.Key, g => g.Max(l => DateTime.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)));
        var cut = lastDay.Values.Max().AddDays(-60);
        var early = lastDay.Where(p => p.Value < cut).Select(p => p.Key).ToHashSet();
        var subset = _directory.Write("early.csv", SyntheticShop.Csv(lines.Where(l => early.Contains(Customer(l)))));

        var model = ScoringPipeline.LoadModel(Path.Combine(options.OutputDirectory, "model.json"));
        var scored = ScoringPipeline.Score(subset, model, _directory.File("scores.csv"));

        Assert.Equal(run.Features.AsOf, model.AsOf);
        Assert.True(early.Count >= 20, $"{early.Count} early customers");
        Assert.Equal(early.Count, scored.Customers);
        var fitted = Segments(Path.Combine(options.OutputDirectory, "customers.csv"), "Segment");
        var again = Segments(scored.Path, "Segment");
        Assert.All(again, p => Assert.Equal(fitted[p.Key], p.Value));
    }

    private static string Customer(string line) => line.Split(',')[6];

    private static Dictionary<string, string> Segments(string csv, string column)
    {
        var rows = File.ReadAllLines(csv);
        var header = rows[0].Split(',');
        var (id, segment) = (Array.IndexOf(header, "CustomerId"), Array.IndexOf(header, column));
        return rows.Skip(1).Select(r => r.Split(',')).ToDictionary(f => f[id], f => f[segment]);
    }

    public void Dispose() => _directory.Dispose();
}
