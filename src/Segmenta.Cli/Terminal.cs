using Spectre.Console;

namespace Segmenta.Cli;

/// <summary>
/// Consoles bound to the current standard output and error (so redirection, including in tests, is honoured).
/// When the output is not a terminal (a pipe, a file, a test) the layout has a fixed width of <see cref="PipedWidth"/>
/// and no colours, so tables never wrap mid-word at the default 80 columns.
/// </summary>
internal static class Terminal
{
    internal const int PipedWidth = 160;

    internal static IAnsiConsole Out => Create(Console.Out);

    internal static IAnsiConsole Error => Create(Console.Error);

    /// <summary>True when standard output and error are both an interactive terminal.</summary>
    internal static bool IsInteractive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>True when <paramref name="writer"/> is the process's own, non-redirected console.</summary>
    internal static bool IsTerminal(TextWriter writer) => new AnsiConsoleOutput(writer).IsTerminal;

    private static IAnsiConsole Create(TextWriter writer)
    {
        var output = new AnsiConsoleOutput(writer);
        if (output.IsTerminal)
        {
            return AnsiConsole.Create(new AnsiConsoleSettings { Out = output });
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = PipedWidth;
        return console;
    }
}
