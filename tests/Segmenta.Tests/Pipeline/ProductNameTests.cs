using Segmenta.Store;

namespace Segmenta.Tests.Pipeline;

/// <summary>
/// A product has one name in every output (Cleaning/product_names.sql): the description on most of its kept purchase
/// lines. Counted from the file by a plain Python csv scan (lines with a customer and a quantity above 0, before
/// duplicates are removed): 85123A is "WHITE HANGING HEART T-LIGHT HOLDER" on 2,028 lines and "CREAM ..." on 7 (its
/// latest description); 22502 is "PICNIC BASKET WICKER SMALL" on 237 and "... 60 PIECES" on 2 (the smaller text). The
/// outputs used to take the latest (exploration), the smallest (segment top products) or the most frequent
/// (categories, recommendations) and named both products both ways, once within one table of the report.
/// </summary>
public static class ProductNames
{
    /// <summary>Each product's one name and the names it must not be shown under.</summary>
    internal static readonly (string Code, string Name, string Other)[] Expected =
    [
        ("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "CREAM HANGING HEART T-LIGHT HOLDER"),
        ("22502", "PICNIC BASKET WICKER SMALL", "PICNIC BASKET WICKER 60 PIECES"),
    ];

    /// <summary>Every text output of a run: CSV files, insights, the report.</summary>
    internal static IEnumerable<string> TextOutputs(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".csv" or ".md" or ".html" or ".json")
            .Order(StringComparer.Ordinal);

    /// <summary>The (stock code, description) pairs of every stored table that names products, disagreeing with product_names (products with a name).</summary>
    internal static List<string> Disagreements(SegmentaStore store)
    {
        string[] tables =
        [
            "SELECT stock_code, description FROM purchase_products",
            "SELECT stock_code, description FROM exploration_top_products",
            "SELECT stock_code, description FROM segment_top_products",
            "SELECT product, description FROM product_categories",
            "SELECT stock_code, description FROM recommendations",
            "SELECT stock_code, description FROM product_associations",
            "SELECT other_stock_code, other_description FROM product_associations",
        ];
        var found = new List<string>();
        foreach (var sql in tables)
        {
            var table = sql[(sql.LastIndexOf(' ') + 1)..];
            if (!store.HasTable(table))
            {
                continue;
            }
            found.AddRange(store.Query(
                $"""
                SELECT DISTINCT t.code || ': ' || coalesce(t.name, 'NULL') || ' <> ' || coalesce(n.description, 'NULL')
                FROM ({sql}) t(code, name)
                JOIN product_names n ON n.stock_code = t.code
                WHERE n.description IS NOT NULL AND t.name IS DISTINCT FROM n.description
                ORDER BY 1
                """,
                r => $"{table} {r.GetString(0)}"));
        }
        return found;
    }
}

/// <summary>Product names in the classic run, which writes every output (recommendations, pairs, categories, report).</summary>
[Collection(ClassicRunCollection.Name)]
public sealed class ProductNameTests(ClassicRunFixture run)
{
    [Fact]
    public void Every_output_names_85123A_and_22502_one_way_the_description_on_most_of_their_lines()
    {
        var outputs = ProductNames.TextOutputs(run.OutputDirectory).ToList();
        foreach (var (code, name, other) in ProductNames.Expected)
        {
            var wrong = outputs.Where(f => File.ReadAllText(f).Contains(other, StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
            Assert.True(wrong.Count == 0, $"{code} is named \"{other}\" in {string.Join(", ", wrong)}; its name is \"{name}\".");
            foreach (var file in new[] { "exploration/products.csv", "recommendations.csv", "frequently-bought-together.csv", "exploration/product-categories.csv", "report.html" })
            {
                var path = Path.Combine(run.OutputDirectory, file);
                if (code == "85123A" || file is "exploration/products.csv" or "exploration/product-categories.csv")
                {
                    Assert.Contains(name, File.ReadAllText(path), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Every_stored_table_that_names_a_product_uses_its_one_name()
    {
        using var store = SegmentaStore.Open(run.Result.DatabasePath);
        foreach (var (code, name, _) in ProductNames.Expected)
        {
            Assert.Equal(name, store.Scalar<string>("SELECT description FROM product_names WHERE stock_code = $c", ("c", code)));
        }
        Assert.Empty(ProductNames.Disagreements(store));
    }
}

/// <summary>Product names in the default runs (the audited command) of the original and the shuffled lines.</summary>
[Collection(DefaultRunCollection.Name)]
public sealed class DefaultRunProductNameTests(DefaultRunFixture run)
{
    [Fact]
    public void The_default_run_names_each_product_one_way_in_every_output_and_table()
    {
        foreach (var (code, name, other) in ProductNames.Expected)
        {
            var wrong = ProductNames.TextOutputs(run.OutputDirectory).Where(f => File.ReadAllText(f).Contains(other, StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
            Assert.True(wrong.Count == 0, $"{code} is named \"{other}\" in {string.Join(", ", wrong)}; its name is \"{name}\".");
            Assert.Contains(name, File.ReadAllText(Path.Combine(run.OutputDirectory, "exploration", "products.csv")), StringComparison.Ordinal);
        }
        using var store = SegmentaStore.Open(run.Result.DatabasePath);
        Assert.Empty(ProductNames.Disagreements(store));
    }

    [Fact]
    public void The_names_do_not_depend_on_the_order_of_the_lines()
    {
        using var original = SegmentaStore.Open(run.Result.DatabasePath);
        using var shuffled = SegmentaStore.Open(run.ShuffledResult.DatabasePath);
        const string Names = "SELECT stock_code || '|' || coalesce(description, '') FROM product_names ORDER BY stock_code";
        var names = original.Query(Names, r => r.GetString(0));
        Assert.True(names.Count > 3_000, $"{names.Count} products");
        Assert.Equal(names, shuffled.Query(Names, r => r.GetString(0)));
        Assert.Equal(
            File.ReadAllText(Path.Combine(run.OutputDirectory, "exploration", "products.csv")),
            File.ReadAllText(Path.Combine(run.ShuffledOutputDirectory, "exploration", "products.csv")));
    }
}
