using Segmenta.Cli;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>The engine options as a user types them: mistakes are one line naming the flag, before anything is read.</summary>
[Collection("Console")]
public sealed class PostgresCliTests
{
    [Fact]
    public void The_postgres_engine_without_a_connection_says_which_flag_is_missing()
    {
        using var directory = new TempDirectory();

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["analyze", "--out", directory.File("out"), "--engine", "postgres"]));

        Assert.NotEqual(0, exit);
        Assert.Contains("--connection", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_the_postgres_engine_is_refused()
    {
        using var directory = new TempDirectory();

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["analyze", "--out", directory.File("out"), "--table", "orders"]));

        Assert.NotEqual(0, exit);
        Assert.Contains("--table is for --engine postgres", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_server_is_named_with_what_to_do()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", SyntheticShop.Csv());

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["analyze", input, "--out", directory.File("out"), "--engine", "postgres",
            "--connection", "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3"]));

        Assert.NotEqual(0, exit);
        Assert.Contains("127.0.0.1:1 could not be reached", error, StringComparison.Ordinal);
        Assert.Contains("scripts/postgres-cluster.sh", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_connection_string_is_named_by_its_flag()
    {
        using var directory = new TempDirectory();

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["analyze", "--out", directory.File("out"), "--engine", "postgres", "--connection", "Hots=127.0.0.1"]));

        Assert.NotEqual(0, exit);
        Assert.Contains("--connection", error, StringComparison.Ordinal);
        Assert.Contains("is not a connection string", error, StringComparison.Ordinal);
    }

    [Fact]
    public void One_shard_is_not_a_cluster()
    {
        using var directory = new TempDirectory();

        var (exit, _, error) = ConsoleCapture.Run(() => CliApp.Run(["analyze", "--out", directory.File("out"), "--engine", "postgres",
            "--connection", "Host=127.0.0.1", "--shard", "Host=127.0.0.2"]));

        Assert.NotEqual(0, exit);
        Assert.Contains("at least two shards", error, StringComparison.Ordinal);
    }
}
