using Segmenta.Cli;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cli;

/// <summary>The segmenta command as a user types it. Console output is shared, so these tests do not run in parallel.</summary>
[Collection("Console")]
public class CliTests
{
    [Fact]
    public void Every_command_has_help_that_lists_each_of_its_options()
    {
        // All the commands of the tree, not a hand-kept list: a new command is covered the day it is added.
        var commands = CliApp.CreateRoot().Subcommands;
        Assert.True(commands.Count >= 9, $"{commands.Count} commands");
        foreach (var command in commands)
        {
            var (exit, output, error) = ConsoleCapture.Run(() => CliApp.Run([command.Name, "--help"]));

            Assert.True(exit == 0, $"{command.Name}: {error}");
            Assert.Contains(command.Description!, output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
            foreach (var option in command.Options.Where(o => !o.Hidden))
            {
                Assert.True(output.Contains(option.Name, StringComparison.Ordinal), $"{command.Name} --help does not list {option.Name}");
            }
        }
    }

    [Fact]
    public void A_file_without_a_customer_column_exits_non_zero_with_the_columns_found()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Invoice,Client,Date,Total\n1,7,2011-01-01,5\n");

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["analyze", input, "--out", directory.File("out")]));

        Assert.NotEqual(0, exit);
        Assert.Contains("'Client'", error);
        Assert.Contains("--map", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void The_map_flag_fixes_an_unusual_column_name()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Invoice,Client,Date,Total\n1,7,2011-01-01,5\n2,7,2011-01-03,6\n");

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["analyze", input, "--out", directory.File("out"), "--map", "customer=Client"]));

        Assert.True(exit == 0, error);
        Assert.Equal(2, File.ReadAllLines(directory.File("out/customers.csv")).Length);
    }

    [Fact]
    public void The_main_command_of_the_readme_runs_on_the_shared_data()
    {
        // README.md is the front door: its analyze line must keep working (STYLE.md, rule 13).
        var readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        var line = readme.Select(l => l.Trim()).First(l => l.StartsWith("./segmenta analyze ", StringComparison.Ordinal));
        var args = line["./segmenta ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var directory = new TempDirectory();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "data/online-retail.csv.gz")
            {
                args[i] = Path.Combine(RepoPaths.Root, args[i]);
            }
            if (args[i - (i > 0 ? 1 : 0)] == "--out")
            {
                args[i] = directory.File("out");
            }
        }

        var (exit, output, error) = ConsoleCapture.Run(() => CliApp.Run(args));

        Assert.True(exit == 0, error);
        Assert.Contains("customers.csv", output);
        Assert.True(File.Exists(directory.File("out/segmenta.duckdb")));
    }
}
