using Segmenta.Cli;
using Segmenta.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cli;

/// <summary>The core names options by property path; the command line shows its flags, never the path.</summary>
public class OptionFlagsTests
{
    // KRange names MinK and MaxK together (they are given as one MIN..MAX value).
    private static readonly string[] Composite = ["Segmentation.KRange"];

    [Fact]
    public void Every_mapped_property_is_a_real_property_of_the_run_options()
    {
        foreach (var path in OptionFlags.Properties.Except(Composite))
        {
            var parts = path.Split('.');
            // The engine's connection is not a stored run option (it may hold a password): it lives on AnalysisOptions only.
            var stage = typeof(RunOptions).GetProperty(parts[0]) ?? typeof(AnalysisOptions).GetProperty(parts[0]);
            Assert.True(stage is not null, $"{path}: neither RunOptions nor AnalysisOptions has {parts[0]}");
            Assert.True(stage!.PropertyType.GetProperty(parts[1]) is not null, $"{path}: {stage.PropertyType.Name} has no {parts[1]}");
        }
    }

    [Theory]
    [InlineData("--date-format", "xyz", "--date-format: xyz: 'x' is not a date token")]
    [InlineData("--encoding", "klingon", "--encoding: klingon: unknown encoding")]
    public void An_import_option_error_names_the_flag_not_the_property(string flag, string value, string expected)
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Invoice,Customer,Date,Total\n1,7,2011-01-01,5\n");

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["analyze", input, "--out", directory.File("out"), flag, value]));

        Assert.NotEqual(0, exit);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("Import.", error);
    }

    [Fact]
    public void Lifetime_option_errors_name_the_property_in_the_core()
    {
        var error = Assert.Throws<InvalidOptionException>(() => new Segmenta.Lifetime.LifetimeOptions { DiscountRate = 20 }.Validated());

        Assert.Equal("Lifetime.DiscountRate", error.Property);
        Assert.Equal("--discount-rate", OptionFlags.For(error.Property));
        Assert.DoesNotContain("--", error.Message);
    }

    [Fact]
    public void Cleaning_words_are_parsed_once_and_a_wrong_one_names_the_preset()
    {
        Assert.Equal(Segmenta.Cleaning.CleaningPreset.Classic, Segmenta.Cleaning.CleaningOptions.ParsePreset(" Classic "));
        Assert.Equal("classic", Segmenta.Cleaning.CleaningOptions.Id(Segmenta.Cleaning.CleaningPreset.Classic));
        Assert.Equal(Segmenta.Cleaning.DuplicatePolicy.Keep, Segmenta.Cleaning.CleaningOptions.ParseDuplicates("keep"));

        var error = Assert.Throws<InvalidOptionException>(() => Segmenta.Cleaning.CleaningOptions.ParsePreset("careful"));

        Assert.Equal("Cleaning.Preset", error.Property);
        Assert.Equal("--cleaning", OptionFlags.For(error.Property));
    }
}
