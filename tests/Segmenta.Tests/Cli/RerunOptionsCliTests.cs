using System.Text.Json;
using Segmenta.Cli;
using Segmenta.Pipeline;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cli;

/// <summary>
/// Issue 15: a run remembers its options. analyze with --playbook, --top and --seed, then segment --k 4 or recommend
/// with nothing else: the custom actions, five recommendations per customer and the seed survive.
/// </summary>
[Collection("Console")]
public sealed class RerunOptionsCliTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _out;
    private readonly string _db;

    public RerunOptionsCliTests()
    {
        var input = _directory.Write("shop.csv", SyntheticShop.Csv());
        var playbook = _directory.Write("custom.json", SyntheticShop.CustomPlaybook);
        _out = _directory.File("out");
        _db = Path.Combine(_out, "segmenta.duckdb");
        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["analyze", input, "--out", _out, "--playbook", playbook, "--top", "5", "--seed", "3"]));
        Assert.True(exit == 0, error);
    }

    [Fact]
    public void Segment_with_another_k_keeps_the_playbook_the_list_length_and_the_seed()
    {
        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["segment", "--out", _out, "--k", "4"]));

        Assert.True(exit == 0, error);
        Assert.Equal(["Send the custom letter"], SyntheticShop.ClusterActions(Path.Combine(_out, "segments.csv")));
        Assert.Equal([5], SyntheticShop.ListLengths(Path.Combine(_out, "recommendations.csv")));
        using var model = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "model.json")));
        Assert.Equal(4, model.RootElement.GetProperty("K").GetInt32());
        Assert.Equal(3, model.RootElement.GetProperty("Seed").GetInt32());
        var options = LastOptions();
        Assert.Equal(4, options.Segmentation!.K);
        Assert.Equal((3, 3, 3), (options.Segmentation.Seed, options.Recommendation!.Seed, options.Lifetime!.Seed));
        Assert.Equal(5, options.Recommendation.Top);
        Assert.Equal(["custom-letter"], options.Profiling.Playbook.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Recommend_without_options_keeps_the_list_length_and_the_seed_and_changes_only_what_is_typed()
    {
        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["recommend", "--out", _out]));
        Assert.True(exit == 0, error);
        Assert.Equal([5], SyntheticShop.ListLengths(Path.Combine(_out, "recommendations.csv")));
        Assert.Equal((5, 3), (LastOptions().Recommendation!.Top, LastOptions().Recommendation!.Seed));

        (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["recommend", "--out", _out, "--top", "3"]));

        Assert.True(exit == 0, error);
        Assert.Equal([3], SyntheticShop.ListLengths(Path.Combine(_out, "recommendations.csv")));
        Assert.Equal((3, 3), (LastOptions().Recommendation!.Top, LastOptions().Recommendation!.Seed));
        Assert.Equal(["custom-letter"], LastOptions().Profiling.Playbook.Entries.Select(e => e.Id));
    }

    [Fact]
    public void The_model_carries_the_as_of_date_and_the_report_the_stored_preset()
    {
        using var model = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "model.json")));
        var asOf = LastOptions().Features.AsOf;

        Assert.NotNull(asOf);
        Assert.Equal(asOf.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), model.RootElement.GetProperty("AsOf").GetString());
        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["report", "--db", _db, "--out", Path.Combine(_out, "again.html"), "--title", "Again"]));
        Assert.True(exit == 0, error);
        var html = File.ReadAllText(Path.Combine(_out, "again.html"));
        Assert.Contains("Cleaning preset: default", html);
        Assert.Contains("<title>Again</title>", html);
    }

    [Fact]
    public void A_bad_k_names_the_flag_on_the_command_line()
    {
        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["segment", "--out", _out, "--k", "many"]));

        Assert.Equal(1, exit);
        Assert.StartsWith("error: --k: give a whole number of segments or auto; got 'many'.", error.Trim());
    }

    private RunOptions LastOptions()
    {
        using var store = SegmentaStore.Open(_db);
        return RunLog.LastOptions(store)!;
    }

    public void Dispose() => _directory.Dispose();
}
