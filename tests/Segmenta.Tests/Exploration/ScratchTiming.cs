using System.Diagnostics;
using Xunit.Abstractions;

namespace Segmenta.Tests.Exploration;

public class ScratchTiming(ClassicExplorationFixture run, ITestOutputHelper output) : IClassFixture<ClassicExplorationFixture>
{
    [Fact]
    public void Scratch()
    {
        var text = File.ReadAllText("/tmp/q.sql");
        foreach (var q in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var best = double.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var w = Stopwatch.StartNew();
                run.Store.Execute(q);
                best = Math.Min(best, w.Elapsed.TotalMilliseconds);
            }
            output.WriteLine($"{best,8:F1} ms  {q.Replace("\n", " ")[..Math.Min(110, q.Replace("\n", " ").Length)]}");
        }
    }
}
