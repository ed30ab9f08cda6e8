using System.Globalization;
using Segmenta.Cli;
using Segmenta.Pipeline;
using Segmenta.Segmentation;
using Segmenta.Tests.Segmentation;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Pipeline;

/// <summary>The clustering of the shared run: the choice of k, the saved model, scoring and re-segmenting.</summary>
[Collection(ClassicRunCollection.Name)]
public class RealDataSegmentationTests(ClassicRunFixture run)
{
    private string[] Header => run.CustomersCsv[0].Split(',');

    private Dictionary<string, int> SegmentsOfCustomersCsv()
    {
        var column = Array.IndexOf(Header, "Segment");
        return run.CustomersCsv.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => int.Parse(f[column], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_model_selection_table_has_one_row_per_k_one_choice_and_the_choice_is_explained()
    {
        var rows = File.ReadAllLines(Path.Combine(run.OutputDirectory, "model-selection.csv")).Skip(1).Select(l => l.Split(',')).ToList();

        Assert.Equal(Enumerable.Range(2, 9).Select(k => k.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[1]));
        var chosen = Assert.Single(rows, r => r[^1] == "true");
        Assert.Single(rows, r => r[^2] == "true");
        Assert.Equal(run.Result.Clusters!.K.ToString(CultureInfo.InvariantCulture), chosen[1]);
        Assert.Contains("elbow", run.Result.Clusters.Selection!.Explanation);
        Assert.Equal(run.Result.Clusters.Segments, SegmentsOfCustomersCsv().Values.Distinct().Count());
    }

    [Fact]
    public void Segments_are_numbered_by_descending_mean_monetary_value()
    {
        var monetary = run.CustomersCsv.Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => double.Parse(f[3], CultureInfo.InvariantCulture));
        var means = SegmentsOfCustomersCsv().GroupBy(p => p.Value).OrderBy(g => g.Key).Select(g => g.Average(p => monetary[p.Key])).ToList();
        var clusters = means.Take(run.Result.Clusters!.K).ToList();

        Assert.Equal(clusters.OrderByDescending(m => m), clusters);
        // The key accounts set apart outside the clusters come last, and spend the most.
        Assert.All(means.Skip(run.Result.Clusters.K), extreme => Assert.True(extreme > clusters[0]));
    }

    [Fact]
    public void Scoring_the_training_database_with_the_saved_model_gives_back_every_customers_segment()
    {
        using var directory = new TempDirectory();
        var scores = directory.File("scores.csv");

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["score", Path.Combine(run.OutputDirectory, "segmenta.duckdb"),
            "--model", Path.Combine(run.OutputDirectory, "model.json"), "--out", scores]));

        Assert.True(exit == 0, error);
        var scored = File.ReadAllLines(scores).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => int.Parse(f[1], CultureInfo.InvariantCulture));
        Assert.Equal(SegmentsOfCustomersCsv(), scored);
    }

    [Fact]
    public void The_saved_model_file_round_trips_to_the_same_assignments()
    {
        var model = ScoringPipeline.LoadModel(Path.Combine(run.OutputDirectory, "model.json"));
        var again = SegmentationModel.FromJson(model.ToJson(), "memory");

        Assert.Equal(["recency", "frequency", "monetary"], model.Features);
        Assert.Equal(model.Segments, model.SegmentNames!.Count);
        Assert.Equal(model.Assign(ClassicRfm.Raw).Segments, again.Assign(ClassicRfm.Raw).Segments);
    }

    [Fact]
    public void Segment_reclusters_a_copy_of_the_database_with_another_k_and_logs_the_run()
    {
        using var directory = new TempDirectory();
        var db = directory.File("copy.duckdb");
        File.Copy(Path.Combine(run.OutputDirectory, "segmenta.duckdb"), db);

        var result = AnalysisPipeline.Resegment(new AnalysisOptions
        {
            OutputDirectory = directory.File("out"),
            DatabasePath = db,
            Segmentation = new SegmentationOptions { K = 3, Features = ["recency", "frequency", "monetary", "average_order_value"] },
        });

        Assert.Equal(3, result.Clusters!.K);
        Assert.Null(result.Clusters.Selection);
        var customers = File.ReadAllLines(directory.File("out/customers.csv"));
        var column = Array.IndexOf(customers[0].Split(','), "Segment");
        Assert.Equal(result.Clusters.Segments, customers.Skip(1).Select(l => l.Split(',')[column]).Distinct().Count());
        Assert.True(File.Exists(directory.File("out/report.html")));
    }

    [Fact]
    public void Segment_on_a_missing_database_says_what_to_run_first()
    {
        using var directory = new TempDirectory();

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["segment", "--db", directory.File("none.duckdb"), "--out", directory.File("out")]));

        Assert.NotEqual(0, exit);
        Assert.Contains("segmenta analyze", string.Join(" ", error.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }
}
