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
    /// <summary>
    /// The flow, upstream first. A stage may use any stage listed before it. Postgres (the engine that runs the stages'
    /// line-level SQL where the lines are) comes after the stages whose line readers it implements (ICategoryLines, ...).
    /// </summary>
    internal static readonly string[] Flow =
    [
        "Store", "Loading", "Cleaning", "Features", "Exploration", "Lifetime", "Segmentation", "Profiling", "Categories", "Postgres", "Recommending", "Reporting", "Pipeline",
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
        Assert.Equal(["Pipeline"], Targets("var h = Pipeline.RunLog.LastOptions(s);"));
        Assert.Empty(Targets("var x = options.Pipeline.Value; // Reporting.ReportWriter in a comment"));
    }

    [Fact]
    public void Hosts_read_the_store_only_through_the_stages_typed_loads()
    {
        // Hosts compose the stages' reads (SegmentCatalog.Segments, StoredCustomers.Customer, ...); SQL in a host would be
        // a second, untyped contract for a stage's tables.
        var hosts = new[] { "Segmenta.Cli", "Segmenta.Web" }
            .SelectMany(h => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", h), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var violations = hosts.Where(f => RunsSql(File.ReadAllText(f))).Select(f => Path.GetRelativePath(RepoPaths.Root, f)).Order().ToList();

        Assert.True(violations.Count == 0, "Hosts running SQL:\n" + string.Join("\n", violations));
        Assert.True(RunsSql("var n = store.Scalar<long>(\"SELECT count(*) FROM customers\");"));
        Assert.False(RunsSql("var s = SegmentCatalog.Segments(store); // SELECT in a comment"));
    }

    [Fact]
    public void Every_table_is_created_by_one_stage()
    {
        var creators = Directory.EnumerateFiles(Core, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".sql", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            // The PostgreSQL engine lays the stages' tables out again on the server, under the same names so that the same
            // SQL runs there; in the DuckDB store each table still has one owner.
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Postgres{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => CreatedTables(File.ReadAllText(f)).Select(t => (Table: t, Stage: Path.GetRelativePath(Core, f).Split(Path.DirectorySeparatorChar)[0])))
            .GroupBy(x => x.Table, x => x.Stage);
        var shared = creators.Where(g => g.Distinct().Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Distinct().Order())}").ToList();

        Assert.True(shared.Count == 0, "Tables created by more than one stage:\n" + string.Join("\n", shared));
        Assert.Equal(["customer_segments", "clean_lines"], CreatedTables("CREATE TABLE IF NOT EXISTS customer_segments (x INT); CREATE OR REPLACE VIEW clean_lines AS SELECT 1"));
    }

    [Fact]
    public void Permanent_tables_are_declared_in_sql_files_not_in_csharp()
    {
        // A stage's DDL is in its own .sql (STYLE.md rule 16). Session-only TEMP tables that carry a list of options into a
        // query may stay next to the code that fills them. Known exceptions, to move when their owners next change them:
        // Cleaning's return matcher (scale/postgres edit Cleaning this session) and Lifetime's view (integrator, issue 17).
        // The PostgreSQL engine's result table on the server came in the same merge.
        string[] pending = ["Cleaning/ReturnMatcher.cs: return_allocations", "Cleaning/ReturnMatcher.cs: return_outcomes", "Lifetime/LifetimeTables.cs: customer_clv_columns", "Postgres/PostgresResults.cs: customer_segments"];
        var declared = Directory.EnumerateFiles(Core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Generating{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) // writes Parquet files, not the store
            .SelectMany(f => PermanentTables(File.ReadAllText(f)).Select(t => $"{Path.GetRelativePath(Core, f).Replace(Path.DirectorySeparatorChar, '/')}: {t}"))
            .Distinct().Order().ToList();

        Assert.Equal(pending.Order(), declared);
        Assert.Equal(["customer_segments"], PermanentTables("CREATE OR REPLACE TABLE customer_segments (x INT); CREATE OR REPLACE TEMP TABLE scratch (y INT)"));
    }

    internal static IReadOnlyList<string> PermanentTables(string source) =>
        [.. Regex.Matches(Comment().Replace(source, ""), @"CREATE\s+(?:OR\s+REPLACE\s+)?(?!TEMP\s|TEMPORARY\s)(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)")
            .Select(m => m.Groups[1].Value.ToLowerInvariant())];

    internal static bool RunsSql(string source)
    {
        var code = Comment().Replace(source, "");
        return Regex.IsMatch(code, @"\.(Query|Scalar|Execute|ExecuteScript)\s*(<[^>]*>)?\(") || Regex.IsMatch(code, "\"\\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|COPY)\\s");
    }

    internal static IReadOnlyList<string> CreatedTables(string source) =>
        [.. Regex.Matches(source, @"CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", RegexOptions.IgnoreCase)
            .Select(m => m.Groups[1].Value.ToLowerInvariant())];

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
