using System.Text.Json;
using Segmenta.Categories;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Store;

/// <summary>
/// The statements that join the kept lines with a small table build their hash tables on the small table. DuckDB 1.5
/// estimates the views over the lines (a POSITIONAL JOIN) at 0 rows and, left to itself, builds on the lines: at 100M
/// lines that is every line with its columns per statement (decision 59). Each statement is planned here as its
/// stage runs it (with the joins in the order written, <see cref="WrittenJoinOrder"/>, and the script's own SET
/// VARIABLE statements before it) on a small store, and no hash join may build on the lines (raw_lines, or the kept
/// lines cleaning writes into kept_lines since session 11, reached without an aggregate in between).
/// </summary>
public sealed class LinesJoinPlanTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public LinesJoinPlanTests()
    {
        _store.Import(SyntheticShop.Csv());
        _store.Clean();
        _store.Features();
        CategoryStage.Run(_store.Store, new CategoryOptions());
        // Memberships of two segmentations, as customer_segments holds them, read through profiled_segments (ProfiledScope).
        _store.Store.Execute("""
            CREATE OR REPLACE TEMP TABLE test_segments AS
            SELECT s.segmentation, customer_id, hash(customer_id) % 4 AS segment_id
            FROM customers CROSS JOIN (VALUES ('kmeans'), ('rfm')) s(segmentation)
            """);
        _store.Store.Execute("CREATE OR REPLACE TEMP VIEW profiled_segments AS SELECT * FROM test_segments");
    }

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData("Profiling/segment_top_products.sql", "segment_top_products")]
    [InlineData("Categories/category_summary.sql", "customer_category_spend")]
    public void No_hash_join_of_the_lines_with_a_small_table_builds_on_the_lines(string script, string table)
    {
        var joins = HashJoinsOf(script, table);

        Assert.NotEmpty(joins);
        Assert.Contains(joins, j => j.Probe.Overlaps(Lines));
        Assert.All(joins, j => Assert.False(j.Build.Overlaps(Lines), $"a hash table built on the lines: {string.Join(", ", j.Build)}"));
    }

    [Fact]
    public void Without_the_written_join_order_DuckDB_builds_on_the_lines_which_is_why_it_is_there()
    {
        // If a DuckDB upgrade estimates the positional join, this fails and WrittenJoinOrder can go (decision 59).
        var joins = HashJoinsOf("Profiling/segment_top_products.sql", "segment_top_products", asWritten: false);
        Assert.Contains(joins, j => j.Build.Overlaps(Lines));
    }

    /// <summary>Plans the statement of <paramref name="script"/> that makes <paramref name="table"/>, after the script's SET statements, as its stage runs it.</summary>
    private List<(HashSet<string> Probe, HashSet<string> Build)> HashJoinsOf(string script, string table, bool asWritten = true)
    {
        string? plan = null;
        foreach (var statement in Statements(SqlScripts.Get(script)))
        {
            var create = $"CREATE OR REPLACE TABLE {table} AS";
            if (statement.StartsWith(create, StringComparison.Ordinal))
            {
                var explain = $"EXPLAIN (FORMAT json) {statement[create.Length..]}";
                if (asWritten)
                {
                    WrittenJoinOrder.Run(_store.Store, () => plan = _store.Query(explain, r => r.GetString(1)).Single());
                }
                else
                {
                    plan = _store.Query(explain, r => r.GetString(1)).Single();
                }
            }
            else if (statement.StartsWith("SET ", StringComparison.Ordinal))
            {
                _store.Store.Execute(statement);
            }
        }
        Assert.NotNull(plan);
        var joins = new List<(HashSet<string>, HashSet<string>)>();
        using var json = JsonDocument.Parse(plan);
        var ctes = new Dictionary<string, JsonElement>();
        foreach (var root in json.RootElement.EnumerateArray())
        {
            Definitions(root, ctes);
        }
        foreach (var root in json.RootElement.EnumerateArray())
        {
            Collect(root, ctes, joins);
        }
        return joins;
    }

    private static IEnumerable<string> Statements(string script) =>
        string.Join('\n', script.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .Split(";\n").Select(s => s.Trim().TrimEnd(';')).Where(s => s.Length > 0);

    /// <summary>The plans of the CTEs (DuckDB's own common subplans included) by table index: a CTE scan reads their tables.</summary>
    private static void Definitions(JsonElement node, Dictionary<string, JsonElement> ctes)
    {
        var children = node.GetProperty("children").EnumerateArray().ToList();
        if (node.GetProperty("name").GetString() == "CTE" && Info(node, "Table Index") is { } index)
        {
            ctes[index] = children[0];
        }
        foreach (var child in children)
        {
            Definitions(child, ctes);
        }
    }

    private static void Collect(JsonElement node, Dictionary<string, JsonElement> ctes, List<(HashSet<string>, HashSet<string>)> joins)
    {
        var children = node.GetProperty("children").EnumerateArray().ToList();
        if (node.GetProperty("name").GetString() == "HASH_JOIN")
        {
            joins.Add((Tables(children[0], ctes), Tables(children[1], ctes)));
        }
        foreach (var child in children)
        {
            Collect(child, ctes, joins);
        }
    }

    private static HashSet<string> Tables(JsonElement node, Dictionary<string, JsonElement> ctes)
    {
        var tables = new HashSet<string>();
        if (Info(node, "Table") is { } name)
        {
            tables.Add(name.Split('.')[^1]);
        }
        if (node.GetProperty("name").GetString() == "CTE_SCAN" && Info(node, "CTE Index") is { } index && ctes.TryGetValue(index, out var definition))
        {
            tables.UnionWith(Tables(definition, ctes));
        }
        foreach (var child in node.GetProperty("children").EnumerateArray())
        {
            // Below an aggregate the rows are groups, not lines: a hash table of lines grouped per key is what the
            // scripts build on when they aggregate first (segment_top_products' buyers, category_summary's returns).
            if (!Aggregates.Contains(child.GetProperty("name").GetString()!))
            {
                tables.UnionWith(Tables(child, ctes));
            }
        }
        return tables;
    }

    /// <summary>The tables that hold one row per line: the loaded lines and the kept lines (decision 68).</summary>
    private static readonly HashSet<string> Lines = ["raw_lines", "kept_lines"];

    private static readonly HashSet<string> Aggregates = ["HASH_GROUP_BY", "PERFECT_HASH_GROUP_BY", "UNGROUPED_AGGREGATE"];

    private static string? Info(JsonElement node, string key) =>
        node.TryGetProperty("extra_info", out var info) && info.ValueKind == JsonValueKind.Object && info.TryGetProperty(key, out var value)
            ? value.ToString()
            : null;
}
