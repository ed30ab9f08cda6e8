using System.Diagnostics;
using Segmenta.Store;
using Segmenta.Tests.Support;
using Segmenta.Web;
using Xunit.Abstractions;

namespace Segmenta.Tests.Web;

/// <summary>
/// The dashboard end to end in Debian's chromium, driven by playwright-core (tests/e2e/dashboard.mjs, mapping.mjs): the
/// server runs on a free loopback port over an empty database; one script uploads the shared data, re-runs with 5
/// segments and looks up a customer's recommendations; the other maps the columns of a file with unknown names.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private static readonly string E2eFolder = Path.Combine(RepoPaths.Root, "tests", "e2e");

    [Fact]
    public async Task A_user_uploads_data_switches_to_five_segments_and_reads_a_customers_recommendations()
    {
        EnsurePlaywright();
        using var directory = new TempDirectory();
        var db = directory.File("segmenta.duckdb");
        SegmentaStore.Open(db).Dispose();
        await using var app = SegmentaWeb.Build(new WebOptions { DatabasePath = db, Urls = "http://127.0.0.1:0" }, []);
        await app.StartAsync();
        var url = app.Urls.Single();

        var shots = Environment.GetEnvironmentVariable("SEGMENTA_SCREENSHOTS") ?? directory.Path;
        var (exit, log) = Run("node", [Path.Combine(E2eFolder, "dashboard.mjs"), url, RepoPaths.OnlineRetail, shots], TimeSpan.FromMinutes(15));
        output.WriteLine(log);

        Assert.True(exit == 0, log);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_user_uploads_a_file_with_unknown_column_names_picks_its_columns_and_gets_a_result()
    {
        EnsurePlaywright();
        using var directory = new TempDirectory();
        var db = directory.File("segmenta.duckdb");
        SegmentaStore.Open(db).Dispose();
        // The first 5,000 lines of the shared data under German column names that no synonym knows.
        var file = directory.File("kassenbuch.csv");
        using (var input = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(RepoPaths.OnlineRetail), System.IO.Compression.CompressionMode.Decompress)))
        using (var writer = new StreamWriter(file))
        {
            _ = input.ReadLine();
            writer.WriteLine("Beleg,Artikel,Bezeichnung,Menge,Kaufdatum,Einzelpreis,Kundennummer,Land");
            for (var i = 0; i < 5_000 && input.ReadLine() is { } line; i++)
            {
                writer.WriteLine(line);
            }
        }
        await using var app = SegmentaWeb.Build(new WebOptions { DatabasePath = db, Urls = "http://127.0.0.1:0" }, []);
        await app.StartAsync();

        var shots = Environment.GetEnvironmentVariable("SEGMENTA_SCREENSHOTS") ?? directory.Path;
        var (exit, log) = Run("node", [Path.Combine(E2eFolder, "mapping.mjs"), app.Urls.Single(), file, shots], TimeSpan.FromMinutes(5));
        output.WriteLine(log);

        Assert.True(exit == 0, log);
        await app.StopAsync();
    }

    private static void EnsurePlaywright()
    {
        if (!File.Exists(Chromium.Path))
        {
            throw new InvalidOperationException($"Browser tests need Debian's chromium at {Chromium.Path}: apt-get install -y chromium (.ci/run installs it).");
        }
        if (!Directory.Exists(Path.Combine(E2eFolder, "node_modules", "playwright-core")))
        {
            // The driver only (no browser download): the version is pinned in tests/e2e/package.json.
            var (exit, log) = Run("npm", ["install", "--prefix", E2eFolder, "--no-audit", "--no-fund"], TimeSpan.FromMinutes(3));
            Assert.True(exit == 0, "npm install of playwright-core failed:\n" + log);
        }
    }

    private static (int Exit, string Log) Run(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} timed out after {timeout}:\n{stdout.Result}\n{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
