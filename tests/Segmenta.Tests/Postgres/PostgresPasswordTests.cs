using System.Diagnostics;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// Password login end to end: a server started by <c>scripts/postgres-cluster.sh start-password</c> asks TCP clients
/// for a scram-sha-256 password. The segmenta command (a child process, so that PGPASSWORD is its own) logs in with
/// PGPASSWORD, and says what to do, in one line, when the password is missing or wrong; a re-run on the database of
/// such a run (which never stores the password) logs in with PGPASSWORD again.
/// </summary>
public sealed class PostgresPasswordTests : IClassFixture<PostgresPasswordTests.SecuredServer>
{
    private readonly SecuredServer _server;

    public PostgresPasswordTests(SecuredServer server) => _server = server;

    [SkippableFact]
    public void A_run_logs_in_with_PGPASSWORD_and_a_rerun_on_its_database_does_too()
    {
        Skip.If(_server.Unavailable is not null, _server.Unavailable);
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", SyntheticShop.Csv());
        var output = directory.File("out");

        var (exit, _, error) = Segmenta(_server.Password, "analyze", input, "--out", output, "--engine", "postgres", "--connection", _server.Connection,
            "--schema", "segmenta_password_test");

        Assert.True(exit == 0, error);
        Assert.True(File.Exists(Path.Combine(output, "customers.csv")));
        var database = Path.Combine(output, "segmenta.duckdb");
        var (again, _, againError) = Segmenta(_server.Password, "segment", "--db", database, "--out", directory.File("again"));
        Assert.True(again == 0, againError);
        // Without it the re-run cannot log in: the stored connection string holds no password.
        var (refused, _, message) = Segmenta(null, "segment", "--db", database, "--out", directory.File("refused"));
        Assert.NotEqual(0, refused);
        Assert.Contains("asks for a password, and Segmenta does not store passwords: set PGPASSWORD", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_missing_password_says_where_to_put_it()
    {
        Skip.If(_server.Unavailable is not null, _server.Unavailable);
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", SyntheticShop.Csv());

        var (exit, _, error) = Segmenta(null, "analyze", input, "--out", directory.File("out"), "--engine", "postgres", "--connection", _server.Connection);

        Assert.NotEqual(0, exit);
        Assert.Contains($"PostgreSQL at 127.0.0.1:{SecuredServer.Port} (database postgres, user segmenta) asks for a password and none was given: set PGPASSWORD, add a line for this server to ~/.pgpass",
            error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_wrong_password_is_refused_with_what_to_check()
    {
        Skip.If(_server.Unavailable is not null, _server.Unavailable);
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", SyntheticShop.Csv());

        var (exit, _, error) = Segmenta(_server.Password + "x", "analyze", input, "--out", directory.File("out"), "--engine", "postgres", "--connection", _server.Connection);

        Assert.NotEqual(0, exit);
        Assert.Contains("refused the password (password authentication failed): check the Password of the connection string, PGPASSWORD", error, StringComparison.Ordinal);
    }

    /// <summary>Runs the segmenta command with PGPASSWORD set to <paramref name="password"/> (or unset), and an empty password file.</summary>
    private static (int Exit, string Output, string Error) Segmenta(string? password, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Segmenta.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("PGPASSWORD");
        // An empty password file, so that a ~/.pgpass of the machine cannot log in for the test (Npgsql refuses a PGPASSFILE that does not exist).
        var noPasswords = Path.Combine(Path.GetTempPath(), "segmenta-tests-empty-pgpass");
        File.WriteAllText(noPasswords, "");
        start.Environment["PGPASSFILE"] = noPasswords;
        if (password is not null)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>One server that asks for a password (the tests' base port + 5, 54365 by default, beside the tests' own
    /// cluster), stopped at the end.</summary>
    public sealed class SecuredServer : IDisposable
    {
        internal static readonly string Port = (PostgresServers.BasePort + 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        private readonly string _directory = Path.Combine(Path.GetTempPath(), $"segmenta-tests-postgres-password-{Port}");

        public SecuredServer()
        {
            var (exitCode, output) = Script("start-password");
            if (exitCode != 0)
            {
                Unavailable = $"PostgreSQL could not be started by scripts/postgres-cluster.sh start-password (exit {exitCode}): {output.Trim()}";
                return;
            }
            Password = File.ReadAllText(Path.Combine(_directory, "password")).Trim();
        }

        public string? Unavailable { get; }

        public string Password { get; } = "";

        public string Connection => $"Host=127.0.0.1;Port={Port};Username=segmenta;Database=postgres";

        private (int ExitCode, string Output) Script(string action) => PostgresServers.ClusterScript(action, _directory, Port);

        public void Dispose() => Script("stop");
    }
}
