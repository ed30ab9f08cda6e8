using Spectre.Console;

namespace Segmenta.Cli;

/// <summary>Runs a command body: user errors become a message and exit code 1, never a stack trace.</summary>
internal static class CommandRunner
{
    internal static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (SegmentaException e)
        {
            Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    /// <summary>Shows a spinner with the current step when the terminal is interactive; plain otherwise.</summary>
    internal static T WithProgress<T>(Func<Action<string>, T> work)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
        {
            return work(_ => { });
        }
        return Terminal.Out.Status().Start("Starting", context => work(step => context.Status(Markup.Escape(step) + "...")));
    }
}
