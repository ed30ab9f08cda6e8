namespace Segmenta.Cli;

/// <summary>The segmenta command's entry point (a named class, so the web app's Program stays unambiguous).</summary>
internal static class EntryPoint
{
    private static int Main(string[] args) => CliApp.Run(args);
}
