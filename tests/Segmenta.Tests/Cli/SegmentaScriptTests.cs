using System.Diagnostics;
using System.Runtime.InteropServices;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cli;

/// <summary>
/// The README's <c>./segmenta</c> script on Linux x64/ARM64 (docs/decisions.md 96), run against a stand-in for
/// <c>dotnet</c> that records each call and "publishes" a fake binary: the native build runs every command but
/// <c>serve</c>, and a native build that fails leaves the ReadyToRun build running with a one-line note.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class SegmentaScriptTests
{
    // Logs its arguments; publish writes a native executable that echoes "native ARGS" (or fails when FAKE_NATIVE_FAILS=1)
    // or an empty dll; running a dll echoes "dotnet DLL ARGS threshold=N".
    private const string FakeDotnet = """
        #!/usr/bin/env bash
        echo "$*" >> "$FAKE_LOG"
        if [ "$1" = publish ]; then
          out=""; previous=""
          for a in "$@"; do [ "$previous" = -o ] && out="$a"; previous="$a"; done
          mkdir -p "$out"
          case "$*" in
            *PublishAot=true*)
              if [ "${FAKE_NATIVE_FAILS:-0}" = 1 ]; then echo "error NETSDK1094: no ILCompiler package" >&2; exit 1; fi
              printf '#!/usr/bin/env bash\necho "native $*"\n' > "$out/Segmenta.Cli"; chmod +x "$out/Segmenta.Cli" ;;
            *) : > "$out/Segmenta.Cli.dll" ;;
          esac
          exit 0
        fi
        echo "dotnet $* threshold=$DOTNET_TC_CallCountThreshold"
        """;

    private static bool NativePlatform => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture is System.Runtime.InteropServices.Architecture.X64 or System.Runtime.InteropServices.Architecture.Arm64;

    private sealed class Checkout : IDisposable
    {
        private readonly TempDirectory _directory = new();

        public Checkout()
        {
            File.Copy(Path.Combine(RepoPaths.Root, "segmenta"), Script);
            File.SetUnixFileMode(Script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.CreateDirectory(_directory.File("src/Segmenta.Cli"));
            Source = _directory.Write("src/Segmenta.Cli/Program.cs", "// a source file");
            Directory.CreateDirectory(_directory.File("fake"));
            var dotnet = _directory.Write("fake/dotnet", FakeDotnet.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
            File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string Script => _directory.File("segmenta");

        public string Source { get; }

        public string Root => _directory.Path;

        public string[] Calls => File.Exists(_directory.File("calls.log")) ? File.ReadAllLines(_directory.File("calls.log")) : [];

        public (int Exit, string Output, string Error) Run(string[] args, params (string Name, string Value)[] environment)
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Script);
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }
            start.Environment["PATH"] = _directory.File("fake") + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["FAKE_LOG"] = _directory.File("calls.log");
            start.Environment.Remove("DOTNET_TC_CallCountThreshold");
            foreach (var name in new[] { "SEGMENTA_NO_R2R", "SEGMENTA_NO_NATIVE", "SEGMENTA_PRINT_DLL" })
            {
                start.Environment.Remove(name);
            }
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }

        public void Dispose() => _directory.Dispose();
    }

    [SkippableFact]
    public void Every_command_but_serve_runs_the_native_build_which_is_built_once()
    {
        Skip.IfNot(NativePlatform, "the script builds natively only on Linux x64/ARM64; elsewhere it runs the plain build");
        using var checkout = new Checkout();

        var first = checkout.Run(["analyze", "data.csv", "--out", "out"]);
        var second = checkout.Run(["report", "--db", "out/segmenta.duckdb"]);
        var serve = checkout.Run(["serve", "--db", "out/segmenta.duckdb"]);

        Assert.Equal((0, "native analyze data.csv --out out\n"), (first.Exit, first.Output));
        Assert.Equal((0, "native report --db out/segmenta.duckdb\n"), (second.Exit, second.Output));
        var native = checkout.Calls.Where(c => c.Contains("-p:PublishAot=true", StringComparison.Ordinal)).ToList();
        Assert.Single(native);
        Assert.Equal(0, serve.Exit);
        Assert.Equal($"dotnet {checkout.Root}/src/Segmenta.Cli/bin/Release/net10.0/{Rid}/r2r/Segmenta.Cli.dll serve --db out/segmenta.duckdb threshold=1000\n", serve.Output);
    }

    [SkippableFact]
    public void A_failed_native_build_runs_the_ready_to_run_build_with_a_note_and_is_tried_again_only_when_the_sources_change()
    {
        Skip.IfNot(NativePlatform, "the script builds natively only on Linux x64/ARM64");
        using var checkout = new Checkout();

        var first = checkout.Run(["analyze", "data.csv"], ("FAKE_NATIVE_FAILS", "1"));
        var second = checkout.Run(["analyze", "data.csv"], ("FAKE_NATIVE_FAILS", "1"));
        var attemptsBeforeEdit = checkout.Calls.Count(c => c.Contains("-p:PublishAot=true", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(checkout.Source, DateTime.UtcNow.AddMinutes(1));
        var afterEdit = checkout.Run(["analyze", "data.csv"]);

        var dll = $"{checkout.Root}/src/Segmenta.Cli/bin/Release/net10.0/{Rid}/r2r/Segmenta.Cli.dll";
        Assert.Equal((0, $"dotnet {dll} analyze data.csv threshold=1000\n"), (first.Exit, first.Output));
        Assert.Contains("segmenta: the native build failed (above); using the ReadyToRun build until the sources change.", first.Error);
        Assert.Equal((0, $"dotnet {dll} analyze data.csv threshold=1000\n"), (second.Exit, second.Output));
        Assert.DoesNotContain("native build failed", second.Error);
        Assert.Equal(1, attemptsBeforeEdit);
        Assert.Equal((0, "native analyze data.csv\n"), (afterEdit.Exit, afterEdit.Output));
    }

    [SkippableFact]
    public void The_benchmark_gets_the_native_executable_and_SEGMENTA_NO_NATIVE_gets_the_ready_to_run_dll()
    {
        Skip.IfNot(NativePlatform, "the script builds natively only on Linux x64/ARM64");
        using var checkout = new Checkout();

        var native = checkout.Run([], ("SEGMENTA_PRINT_DLL", "1"));
        var readyToRun = checkout.Run([], ("SEGMENTA_PRINT_DLL", "1"), ("SEGMENTA_NO_NATIVE", "1"));

        Assert.Equal($"{checkout.Root}/src/Segmenta.Cli/bin/Release/net10.0/{Rid}/aot/Segmenta.Cli\n", native.Output);
        Assert.Equal($"{checkout.Root}/src/Segmenta.Cli/bin/Release/net10.0/{Rid}/r2r/Segmenta.Cli.dll\n", readyToRun.Output);
    }

    [SkippableFact]
    public void The_native_command_exits_with_the_commands_own_exit_code()
    {
        Skip.IfNot(NativePlatform, "the script builds natively only on Linux x64/ARM64");
        using var checkout = new Checkout();
        checkout.Run([], ("SEGMENTA_PRINT_DLL", "1"));
        File.WriteAllText($"{checkout.Root}/src/Segmenta.Cli/bin/Release/net10.0/{Rid}/aot/Segmenta.Cli", "#!/usr/bin/env bash\necho \"error: bad file\" >&2\nexit 1\n");

        var (exit, _, error) = checkout.Run(["analyze", "missing.csv"]);

        Assert.Equal(1, exit);
        Assert.Equal("error: bad file\n", error);
    }

    private static string Rid => RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";
}
