using System.Diagnostics;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// A local PostgreSQL coordinator and two shards, started by scripts/postgres-cluster.sh (the script .ci/run uses):
/// the servers of SEGMENTA_PG_DIR when it names a started cluster, else a cluster of its own (ports 54360-54362, or
/// from SEGMENTA_TEST_PG_PORT when set, so that two checkouts can run these tests at once), stopped again at the end. When PostgreSQL cannot be started at all, <see cref="Unavailable"/> says why and the
/// tests are skipped with that message.
/// </summary>
public sealed class PostgresServers : IDisposable
{
    /// <summary>The first of the ports the tests' own servers use: SEGMENTA_TEST_PG_PORT, else 54360. The cluster takes
    /// this port and the next two, the crash test's server the fourth, the password test's server the sixth.</summary>
    internal static int BasePort { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("SEGMENTA_TEST_PG_PORT"), out var port) ? port : 54360;

    private static readonly string OwnPort = BasePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private readonly string? _startedIn;

    public PostgresServers()
    {
        var shared = Environment.GetEnvironmentVariable("SEGMENTA_PG_DIR");
        if (shared is not null && File.Exists(Path.Combine(shared, "connections.env")))
        {
            Read(shared);
            return;
        }
        var directory = Path.Combine(Path.GetTempPath(), $"segmenta-tests-postgres-{OwnPort}");
        var (exitCode, output) = ClusterScript("start", directory, OwnPort);
        if (exitCode != 0)
        {
            Unavailable = $"PostgreSQL could not be started by scripts/postgres-cluster.sh (exit {exitCode}): {output.Trim()}";
            return;
        }
        _startedIn = directory;
        Read(directory);
    }

    /// <summary>Why the servers are missing, or null when they run.</summary>
    public string? Unavailable { get; private set; }

    public string Coordinator { get; private set; } = "";

    public IReadOnlyList<string> Shards { get; private set; } = [];

    private void Read(string directory)
    {
        var values = File.ReadAllLines(Path.Combine(directory, "connections.env"))
            .Select(l => l.Replace("export ", "", StringComparison.Ordinal).Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('"'));
        Coordinator = values["SEGMENTA_PG_COORDINATOR"];
        Shards = [.. values.Where(p => p.Key.StartsWith("SEGMENTA_PG_SHARD", StringComparison.Ordinal)).OrderBy(p => p.Key).Select(p => p.Value)];
    }

    /// <summary>Runs <c>scripts/postgres-cluster.sh ACTION DIRECTORY</c> with its servers on <paramref name="port"/> and up.</summary>
    internal static (int ExitCode, string Output) ClusterScript(string action, string directory, string port)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "postgres-cluster.sh"));
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(directory);
        start.Environment["SEGMENTA_PG_PORT"] = port;
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    public void Dispose()
    {
        if (_startedIn is not null)
        {
            ClusterScript("stop", _startedIn, OwnPort);
        }
    }
}

