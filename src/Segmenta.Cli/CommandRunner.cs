using System.Diagnostics;
using Segmenta.Loading;
using Segmenta.Store;
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
        catch (NothingLoadedException e)
        {
            SummaryPrinter.PrintNothingLoaded(e);
            return 1;
        }
        catch (InvalidOptionException e)
        {
            PrintError(e.MessageFor(OptionFlags.For(e.Property)));
            return 1;
        }
        catch (SegmentaException e)
        {
            PrintError(e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A path the user gave cannot be read or written: the system's reason is the message.
            PrintError(e.Message);
            return 1;
        }
        catch (Exception e) when (EngineErrors.Explain(e) is { } message)
        {
            // The disk or the memory ran out: the machine's limit, not a bug.
            PrintError(message);
            return 1;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("SEGMENTA_DEBUG") is null)
        {
            PrintError($"unexpected {e.GetType().Name}: {e.Message} (this is a bug in Segmenta; set SEGMENTA_DEBUG=1 to see where it happened).");
            return 2;
        }
    }

    /// <summary>One "error: ..." line; unwrapped when not on a terminal so logs and tests see the message whole.</summary>
    internal static void PrintError(string message)
    {
        var text = SafeText.Message(message);
        if (Terminal.IsTerminal(Console.Error))
        {
            Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(text)}");
        }
        else
        {
            Console.Error.WriteLine($"error: {text}");
        }
    }

    /// <summary>
    /// Shows a spinner with the current step on an interactive terminal; otherwise one line per step on standard
    /// error with the time since the start, so a piped or logged run shows progress too.
    /// </summary>
    internal static T WithProgress<T>(Func<Action<string>, T> work)
    {
        if (!Terminal.IsInteractive)
        {
            var watch = Stopwatch.StartNew();
            var error = Terminal.Error;
            return work(step => error.WriteLine(FormattableString.Invariant($"[{watch.Elapsed.TotalSeconds,6:0.0} s] {SafeText.Clip(step)}...")));
        }
        return Terminal.Out.Status().Start("Starting", context => work(step => context.Status(Markup.Escape(step) + "...")));
    }
}
