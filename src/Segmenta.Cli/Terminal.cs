using Spectre.Console;

namespace Segmenta.Cli;

/// <summary>Consoles bound to the current standard output and error (so redirection, including in tests, is honoured).</summary>
internal static class Terminal
{
    internal static IAnsiConsole Out => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    internal static IAnsiConsole Error => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}
