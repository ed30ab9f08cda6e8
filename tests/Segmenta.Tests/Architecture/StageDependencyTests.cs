using System.Text.RegularExpressions;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Architecture;

/// <summary>
/// The dependency rule of docs/architecture.md, checked on the sources: a stage may use the neutral pieces (the root
/// namespace, Store) and the stages before it in the flow, never one after it; only Pipeline uses Reporting, and nothing
/// in the core uses Pipeline.
/// </summary>
public partial class StageDependencyTests
{
    /// <summary>The flow, upstream first. A stage may use any stage listed before it.</summary>
    internal static readonly string[] Flow =
    [
        "Store", "Loading", "Cleaning", "Features", "Exploration", "Lifetime", "Segmentation", "Postgres", "Profiling", "Categories", "Recommending", "Reporting", "Pipeline",
        // Tools beside the flow: the synthetic shop generator reads only the cleaning rules it must reproduce.
        "Generating",
    ];

    [Fact]
    public void No_stage_uses_a_stage_downstream_of_it()
    {
        var violations = References().Where(r => Array.IndexOf(Flow, r.To) > Array.IndexOf(Flow, r.From))
            .Select(r => $"{r.From} uses {r.To} in {r.File}").Distinct().Order().ToList();

        Assert.True(violations.Count == 0, "Stages reaching downstream:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Every_folder_of_the_core_is_a_stage_of_the_flow()
    {
        var folders = Directory.GetDirectories(Core).Select(d => Path.GetFileName(d)!).Where(f => f is not ("bin" or "obj")).Order().ToList();

        Assert.Equal(Flow.Order().ToList(), folders);
    }

    [Fact]
    public void The_check_sees_a_reference_downstream_when_there_is_one()
    {
        // The scanner itself: a using, a qualified name and a namespace-relative name are each found.
        Assert.Equal(["Pipeline"], Targets("using Segmenta.Pipeline;\nclass A {}"));
        Assert.Equal(["Reporting"], Targets("var r = Segmenta.Reporting.ReportWriter.Write(s, p, o);"));
        Assert.Equal(["Pipeline"], Targets("var h = Pipeline.StoredResults.Health(s);"));
        Assert.Empty(Targets("var x = options.Pipeline.Value; // Reporting.ReportWriter in a comment"));
    }

    private static string Core => Path.Combine(RepoPaths.Root, "src", "Segmenta");

    private static IEnumerable<(string From, string To, string File)> References()
    {
        foreach (var from in Flow)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Core, from), "*.cs", SearchOption.AllDirectories))
            {
                foreach (var to in Targets(File.ReadAllText(file)).Where(t => t != from))
                {
                    yield return (from, to, Path.GetRelativePath(Core, file));
                }
            }
        }
    }

    internal static IReadOnlyList<string> Targets(string source)
    {
        var code = Comment().Replace(source, "");
        return [.. Flow.Where(stage => Regex.IsMatch(code, $@"(?<![\.\w])(Segmenta\.)?{stage}\.[A-Z]\w*") || code.Contains($"using Segmenta.{stage};", StringComparison.Ordinal))];
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();
}
