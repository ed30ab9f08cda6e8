using System.Diagnostics;

namespace Segmenta.Tests.Support;

/// <summary>Debian's headless Chromium (installed by .ci/run; locally: apt-get install chromium).</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly string[] QuietFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
    ];

    /// <summary>Loads a page and returns the DOM after scripts ran, plus what the browser logged (console messages included).</summary>
    public static (string Dom, string Log) DumpDom(string url, TimeSpan? timeout = null) =>
        Run(["--enable-logging=stderr", "--v=0", "--dump-dom", url], timeout);

    public static void Screenshot(string url, string pngPath, int width = 1280, int height = 1600) =>
        Run([$"--screenshot={pngPath}", $"--window-size={width},{height}", url], null);

    private static (string Output, string Error) Run(IEnumerable<string> arguments, TimeSpan? timeout)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"Browser tests need Debian's chromium at {Path}: apt-get install -y chromium (.ci/run installs it).");
        }
        using var profile = new TempDirectory();
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var flag in QuietFlags.Append($"--user-data-dir={profile.Path}").Concat(arguments))
        {
            start.ArgumentList.Add(flag);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish in time");
        }
        return (output.Result, error.Result);
    }
}
