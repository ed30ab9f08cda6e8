namespace Segmenta.Tests.Support;

/// <summary>Runs code with Console.Out and Console.Error redirected to strings.</summary>
public static class ConsoleCapture
{
    private static readonly Lock Gate = new();

    public static (int Exit, string Output, string Error) Run(Func<int> action)
    {
        lock (Gate)
        {
            var (oldOut, oldError) = (Console.Out, Console.Error);
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                var exit = action();
                return (exit, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }
}
