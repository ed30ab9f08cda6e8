using Segmenta.Cli;
using Segmenta.Generating;
using Segmenta.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Generating;

public class ShopGeneratorTests
{
    [Fact]
    public void The_same_seed_writes_a_byte_identical_file_and_another_seed_does_not()
    {
        using var directory = new TempDirectory();
        GenerateOptions Options(string name, int seed) => new() { Lines = 20_000, Seed = seed, Format = GeneratedFormat.CsvGz, OutputPath = directory.File(name) };

        ShopGenerator.Generate(Options("a.csv.gz", 5));
        ShopGenerator.Generate(Options("b.csv.gz", 5));
        ShopGenerator.Generate(Options("c.csv.gz", 6));

        Assert.Equal(File.ReadAllBytes(directory.File("a.csv.gz")), File.ReadAllBytes(directory.File("b.csv.gz")));
        Assert.Equal(File.ReadAllText(directory.File("a.csv.gz.truth.json")).Replace("a.csv.gz", "b.csv.gz", StringComparison.Ordinal),
            File.ReadAllText(directory.File("b.csv.gz.truth.json")));
        Assert.NotEqual(File.ReadAllBytes(directory.File("a.csv.gz")), File.ReadAllBytes(directory.File("c.csv.gz")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(499)]
    [InlineData(12_345)]
    public void Exactly_the_lines_asked_for_are_written_and_counted(long lines)
    {
        using var directory = new TempDirectory();
        var path = directory.File("shop.csv");

        var truth = ShopGenerator.Generate(new GenerateOptions { Lines = lines, Seed = 3, OutputPath = path });

        Assert.Equal(lines + 1, File.ReadLines(path).Count());
        Assert.Equal(lines, truth.Lines);
        Assert.Equal(lines, truth.Default.Sum(r => r.Lines));
        Assert.Equal(lines, truth.Classic.Sum(r => r.Lines));
    }

    [Fact]
    public void Asking_for_fewer_customers_gives_bigger_baskets_and_about_that_many_customers()
    {
        using var directory = new TempDirectory();

        var truth = ShopGenerator.Generate(new GenerateOptions { Lines = 30_000, Customers = 100, Seed = 1, OutputPath = directory.File("few.csv") });

        // Within a factor of two: a few heavy BG/NBD customers move the count a lot (seeds 1-7 give 127-167 since the
        // generator has tastes, 125-177 before).
        Assert.InRange(truth.CustomerIds, 50, 200);
        Assert.True(truth.Model.BasketMean > 2 * 20, $"basket {truth.Model.BasketMean}");
    }

    [Fact]
    public void A_parquet_shop_is_analysed_to_the_same_ground_truth()
    {
        using var directory = new TempDirectory();
        var path = directory.File("shop.parquet");
        var truth = ShopGenerator.Generate(new GenerateOptions { Lines = 8_000, Seed = 2, Format = GeneratedFormat.Parquet, OutputPath = path });

        var result = AnalysisPipeline.Run(new AnalysisOptions
        {
            Inputs = [path], OutputDirectory = directory.File("out"), Segmentation = null, Recommendation = null, Lifetime = null,
        });

        Assert.False(File.Exists(path + ".scratch.duckdb"));
        Assert.Equal(truth.Default.Select(r => (r.Rule, r.Lines, (decimal?)r.Revenue)), result.Cleaning.Rows.Select(r => (r.Rule, r.Lines, r.Revenue)));
        Assert.Equal(truth.Customers, result.Features.Customers);
        Assert.Equal(truth.Money.NetSales, result.Cleaning.Money.NetSales);
    }

    [Theory]
    [InlineData(0L, null, 4_000)]
    [InlineData(100L, 0L, 4_000)]
    [InlineData(100L, 200L, 4_000)]
    [InlineData(100L, null, 5)]
    public void Impossible_options_are_refused_with_the_option_named(long lines, long? customers, int products)
    {
        var error = Assert.Throws<SegmentaException>(() => ShopGenerator.Generate(
            new GenerateOptions { Lines = lines, Customers = customers, Products = products, OutputPath = "unused.csv" }));
        Assert.Matches("Lines|Customers|Products", error.Message);
    }
}

[Collection("Console")]
public class GenerateCommandTests
{
    [Fact]
    public void Generate_writes_the_file_and_its_truth_and_says_where()
    {
        using var directory = new TempDirectory();
        var path = directory.File("shop.csv.gz");

        var (exit, output, error) = ConsoleCapture.Run(() => CliApp.Run(["generate", "--lines", "3000", "--seed", "4", "--out", path]));

        Assert.True(exit == 0, error);
        Assert.Contains("3,000 lines", output);
        Assert.True(File.Exists(path + ".truth.json"));
        Assert.Equal(3_000, ShopGenerator.ReadTruth(path + ".truth.json").Lines);
    }

    [Fact]
    public void An_unknown_format_is_refused_in_one_line()
    {
        using var directory = new TempDirectory();

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["generate", "--lines", "10", "--format", "xml", "--out", directory.File("x")]));

        Assert.Equal(1, exit);
        Assert.Contains("--format xml", error);
    }
}
