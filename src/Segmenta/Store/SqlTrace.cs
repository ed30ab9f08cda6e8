using System.Diagnostics;

namespace Segmenta.Store;

/// <summary>
/// For measuring where a run's SQL time goes (<c>SEGMENTA_SQL_TRACE=1</c>): every statement on a store that takes 5 ms or
/// more is printed to standard error with its wall time, its thread and its first words. Off (one static check) otherwise.
/// </summary>
internal static class SqlTrace
{
    private static readonly bool On = Environment.GetEnvironmentVariable("SEGMENTA_SQL_TRACE") is "1";

    /// <summary>A timer to hand to <see cref="Done"/>, or 0 when tracing is off.</summary>
    internal static long Start() => On ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Prints the statement when tracing is on and it took 5 ms or more.</summary>
    internal static void Done(long started, string sql)
    {
        if (!On)
        {
            return;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed.TotalMilliseconds >= 5)
        {
            var words = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).Take(14));
            Console.Error.WriteLine($"[sql {elapsed.TotalMilliseconds,7:0} ms t{Environment.CurrentManagedThreadId,-3}] {words}");
        }
    }
}
