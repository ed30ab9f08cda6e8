using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Segmenta.Cli;
using Segmenta.Generating;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cli;

/// <summary>
/// The native build the README's <c>./segmenta</c> runs (docs/decisions.md 96) against the same command run in this
/// process: every command writes the same files byte for byte, errors say the same, and <c>serve</c> (the ReadyToRun
/// build) answers the API. Publishing takes minutes, so it runs when SEGMENTA_NATIVE_TEST=1 (.ci/run sets it).
/// </summary>
[Collection("Console")]
public partial class NativeBuildTests
{
    private const string Gate = "SEGMENTA_NATIVE_TEST";

    [SkippableFact]
    public void The_native_build_writes_what_the_command_writes_in_process_for_every_command_and_input_format()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(Gate) == "1", $"publishes the native build (minutes); {Gate}=1 runs it (.ci/run does)");
        var binary = BuildWithTheScript();
        Assert.True(binary.EndsWith("/aot/Segmenta.Cli", StringComparison.Ordinal), $"./segmenta fell back from the native build: {binary}");
        using var directory = new TempDirectory();
        var work = directory.File("work");

        // generate: the data file and its ground truth (JSON written by the generated serializer)
        Same(binary, work, ["generate", "--lines", "20000", "--seed", "5", "--out", "{work}/shop.csv.gz"]);
        Same(binary, work, ["generate", "--lines", "8000", "--seed", "6", "--out", "{work}/shop.parquet"], ignore: ["shop.parquet"]);
        var inputs = directory.File("inputs");
        Directory.CreateDirectory(inputs);
        ShopGenerator.Generate(new GenerateOptions { Lines = 20_000, Seed = 5, Format = GeneratedFormat.CsvGz, OutputPath = Path.Combine(inputs, "shop.csv.gz") });
        ShopGenerator.Generate(new GenerateOptions { Lines = 8_000, Seed = 6, Format = GeneratedFormat.Parquet, OutputPath = Path.Combine(inputs, "shop.parquet") });
        File.WriteAllText(Path.Combine(inputs, "shop.csv"), SyntheticShop.Csv());
        var lines = SyntheticShop.Lines(customers: 60).Select(l => l.Split(',')).ToList();
        MinimalXlsx.Write(Path.Combine(inputs, "shop.xlsx"), [SyntheticShop.Header.Split(','), .. lines.Select(f => (object?[])[f[0], f[1], f[2], int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), f[4], double.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture), f[6], f[7]])]);

        foreach (var input in new[] { "shop.csv", "shop.csv.gz", "shop.xlsx", "shop.parquet" })
        {
            Same(binary, work, ["analyze", Path.Combine(inputs, input), "--out", "{work}/out"]);
        }
        // The commands that start from a database (the csv.gz run's, copied afresh for each side)
        var db = directory.File("analyzed.duckdb");
        Assert.Equal(0, InProcess(["analyze", Path.Combine(inputs, "shop.csv.gz"), "--out", directory.File("analyzed"), "--no-recommendations"]).Exit);
        File.Copy(directory.File("analyzed/segmenta.duckdb"), db);
        Same(binary, work, ["segment", "--db", "{work}/segmenta.duckdb", "--out", "{work}/out", "--algorithm", "gmm", "--k", "3"], database: db);
        Same(binary, work, ["recommend", "--db", "{work}/segmenta.duckdb", "--out", "{work}/out"], database: db);
        Same(binary, work, ["clv", "{work}/segmenta.duckdb", "--out", "{work}/out"], database: db);
        Same(binary, work, ["explore", "{work}/segmenta.duckdb", "--out", "{work}/out"], database: db);
        Same(binary, work, ["report", "--db", "{work}/segmenta.duckdb", "--out", "{work}/report.html"], database: db);
        Same(binary, work, ["score", Path.Combine(inputs, "shop.csv"), "--model", directory.File("analyzed/model.json"), "--out", "{work}/scores.csv"]);
        Same(binary, work, ["import", Path.Combine(inputs, "shop.xlsx"), "--db", "{work}/segmenta.duckdb"]);

        // Errors a user can cause: the same exit code and message (typed exceptions, option parsing)
        Same(binary, work, ["analyze", "{work}/missing.csv", "--out", "{work}/out"]);
        Same(binary, work, ["analyze", Path.Combine(inputs, "shop.csv"), "--out", "{work}/out", "--map", "customer=No such column"]);
        Same(binary, work, ["segment", "--db", "{work}/segmenta.duckdb", "--k", "many"], database: db);
        Same(binary, work, ["score", Path.Combine(inputs, "shop.csv"), "--model", Path.Combine(inputs, "shop.csv"), "--out", "{work}/scores.csv"]);
        Same(binary, work, ["analyze", Path.Combine(inputs, "shop.csv"), "--out", "{work}/out", "--segment-names", Path.Combine(inputs, "shop.csv")]);
    }

    [SkippableFact]
    public void Serve_through_the_script_answers_the_api()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(Gate) == "1", $"publishes the ReadyToRun build (minutes); {Gate}=1 runs it (.ci/run does)");
        using var directory = new TempDirectory();
        var csv = directory.Write("shop.csv", SyntheticShop.Csv());
        Assert.Equal(0, InProcess(["analyze", csv, "--out", directory.File("out"), "--no-recommendations"]).Exit);
        var port = FreePort();
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(RepoPaths.Root, "segmenta"), "serve", "--db", directory.File("out/segmenta.duckdb"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }
        using var server = Process.Start(start)!;
        _ = server.StandardOutput.ReadToEndAsync();
        var errors = server.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddMinutes(15); // the first call builds the ReadyToRun publish
            string? body = null;
            while (body is null && DateTime.UtcNow < deadline && !server.HasExited)
            {
                try
                {
                    body = http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/health")).GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Thread.Sleep(500);
                }
            }
            Assert.True(body is not null, $"serve did not answer: {(server.HasExited ? errors.GetAwaiter().GetResult() : "timeout")}");
            Assert.Contains("\"status\":\"ok\"", body);
            Assert.Contains("\"customers\":240", body);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    /// <summary>
    /// Runs <paramref name="template"/> ({work} = the work folder) with the native binary, then in this process, each in
    /// a fresh work folder (holding a copy of <paramref name="database"/> as segmenta.duckdb when given), and asserts the
    /// same exit code, the same error message and the same files byte for byte (databases and <paramref name="ignore"/> aside).
    /// </summary>
    private static void Same(string binary, string work, string[] template, string? database = null, string[]? ignore = null)
    {
        var args = template.Select(a => a.Replace("{work}", work, StringComparison.Ordinal)).ToArray();
        var native = RunIn(work, database, () => Native(binary, args));
        var nativeFiles = work + ".native";
        if (Directory.Exists(nativeFiles))
        {
            Directory.Delete(nativeFiles, recursive: true);
        }
        Directory.Move(work, nativeFiles);
        var inProcess = RunIn(work, database, () => InProcess(args));

        var command = string.Join(' ', template);
        Assert.True(native.Exit == inProcess.Exit, $"{command}: exit {native.Exit} natively, {inProcess.Exit} in process; native error: {native.Error}");
        Assert.Equal(Message(inProcess.Error), Message(native.Error));
        var skipped = new HashSet<string>(ignore ?? []) { "segmenta.duckdb", "segmenta.duckdb.wal" };
        var expected = Files(work, skipped);
        Assert.Equal(expected, Files(nativeFiles, skipped));
        foreach (var file in expected)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(work, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(nativeFiles, file))), $"{command}: {file} differs");
        }
        Directory.Delete(nativeFiles, recursive: true);
        Directory.Delete(work, recursive: true);
    }

    private static (int Exit, string Output, string Error) RunIn(string work, string? database, Func<(int, string, string)> run)
    {
        Directory.CreateDirectory(work);
        if (database is not null)
        {
            File.Copy(database, Path.Combine(work, "segmenta.duckdb"));
        }
        return run();
    }

    private static List<string> Files(string root, HashSet<string> skipped) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f))
            .Where(f => !skipped.Contains(Path.GetFileName(f))).Order(StringComparer.Ordinal)];

    // Standard error without the progress lines ("[   1.2 s] Cleaning...", whose order concurrent steps decide) as one
    // line (the terminal wraps messages at its own width), without timings.
    private static string Message(string error) => Timing().Replace(string.Join(' ', error.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Where(l => !l.StartsWith('['))), "");

    private static (int Exit, string Output, string Error) InProcess(string[] args) => ConsoleCapture.Run(() => CliApp.Run(args));

    private static (int Exit, string Output, string Error) Native(string binary, string[] args)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }

    private static string BuildWithTheScript()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "segmenta"));
        start.Environment["SEGMENTA_PRINT_DLL"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error.GetAwaiter().GetResult());
        return output.Trim();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"\d+(\.\d+)? s\b")]
    private static partial Regex Timing();
}
