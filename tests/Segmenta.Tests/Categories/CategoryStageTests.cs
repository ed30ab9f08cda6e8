using Segmenta.Categories;
using Segmenta.Loading;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Categories;

/// <summary>The category stage on a few hand-checked lines: descriptions, a category column, neither.</summary>
public sealed class CategoryStageTests : IDisposable
{
    // Product P1 has two descriptions, "JUMBO BAG RED" on two lines and "RED BAG JUMBO" on one: the frequent one is kept.
    // Product P2 has two descriptions once each: the smaller text wins the tie ("LARGE MUG" < "MUG LARGE").
    // Product P3 says nothing a vocabulary knows: "other". Customer 2 returns one BAG (matched to its purchase).
    private const string Lines = """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        1,P1,JUMBO BAG RED,2,2011-01-03 10:00,2.10,1,UK
        1,P2,MUG LARGE,1,2011-01-03 10:00,3.00,1,UK
        2,P1,JUMBO BAG RED,1,2011-01-20 11:00,2.10,1,UK
        3,P1,RED BAG JUMBO,4,2011-03-05 09:00,2.10,2,UK
        3,P2,LARGE MUG,2,2011-03-05 09:00,3.00,2,UK
        C4,P1,JUMBO BAG RED,-1,2011-03-06 09:00,2.10,2,UK
        5,P3,ZQX THING,1,2011-03-07 09:00,9.99,3,UK

        """;

    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    private CategoryResult Run(string lines, ImportOptions? import = null)
    {
        _store.Import(lines, import);
        _store.Clean();
        return CategoryStage.Run(_store.Store, new CategoryOptions());
    }

    [Fact]
    public void Each_product_gets_the_category_of_its_most_frequent_description_ties_by_text()
    {
        var result = Run(Lines);
        Assert.Equal(CategorySource.Descriptions, result.Source);
        var products = CategoryTables.LoadProducts(_store.Store);
        Assert.Equal(
            [("P1", "JUMBO BAG RED", "BAG"), ("P2", "LARGE MUG", "MUG"), ("P3", "ZQX THING", "other")],
            products.Select(p => (p.Product, p.Description, p.Category)));
        Assert.Equal(3, result.Products);
        Assert.Equal(1, result.ProductsInOther);
    }

    [Fact]
    public void The_category_table_counts_revenue_units_customers_and_returns_and_adds_up_to_the_kept_lines()
    {
        var rows = Run(Lines).Categories.ToDictionary(c => c.Category);
        var bag = rows["BAG"];
        Assert.Equal((1, 3L, 7m, 14.70m, 2L), (bag.Products, bag.Lines, bag.Quantity, bag.Revenue, bag.Customers));
        Assert.Equal((1m, 2.10m, 12.60m), (bag.ReturnedQuantity, bag.ReturnedValue, bag.NetRevenue));
        Assert.Equal((9m, 2L, 0m), (rows["MUG"].Revenue, rows["MUG"].Customers, rows["MUG"].ReturnedValue));
        Assert.Equal(9.99m, rows["other"].Revenue);
        var kept = _store.Scalar<decimal>("SELECT sum(amount) FROM clean_lines");
        Assert.Equal(kept, rows.Values.Sum(c => c.Revenue));
        Assert.Equal(1.0, rows.Values.Sum(c => c.RevenueShare), 12);
    }

    [Fact]
    public void A_category_column_is_used_as_given_when_mapped()
    {
        var lines = """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,Dept
            1,P1,JUMBO BAG RED,2,2011-01-03 10:00,2.10,1,UK,Storage
            2,P1,JUMBO BAG RED,1,2011-01-20 11:00,2.10,1,UK,Storage
            3,P1,JUMBO BAG RED,1,2011-01-21 11:00,2.10,2,UK,Bags
            3,P2,MUG LARGE,1,2011-01-21 11:00,3.00,2,UK,
            """;
        var result = Run(lines, new ImportOptions { ColumnMap = ImportOptions.ParseColumnMap(["category=Dept"]) });
        Assert.Equal(CategorySource.Column, result.Source);
        Assert.Equal(
            [("P1", "Storage", "category column"), ("P2", "other", "")],
            CategoryTables.LoadProducts(_store.Store).Select(p => (p.Product, p.Category, p.Matched)));
    }

    [Fact]
    public void A_column_named_category_is_found_without_mapping()
    {
        var lines = """
            InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Category
            1,P1,2,2011-01-03 10:00,2.10,1,Garden
            2,P2,1,2011-01-20 11:00,2.10,1,Kitchen
            """;
        var result = Run(lines);
        Assert.Equal(["Garden", "Kitchen"], result.Categories.Select(c => c.Category).Order());
    }

    [Fact]
    public void Without_descriptions_or_a_category_column_the_feature_is_skipped_in_one_line()
    {
        var lines = """
            InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
            1,P1,2,2011-01-03 10:00,2.10,1
            2,P2,1,2011-01-20 11:00,2.10,1
            """;
        var result = Run(lines);
        Assert.Equal(CategorySource.None, result.Source);
        Assert.Empty(result.Categories);
        Assert.NotNull(result.Note);
        Assert.DoesNotContain('\n', result.Note);
        Assert.Contains("--map category=", result.Note, StringComparison.Ordinal);
        Assert.False(CategoryTables.Exist(_store.Store));
        Assert.Empty(CategoryTables.LoadSummary(_store.Store));
    }

    [Fact]
    public void A_vocabulary_file_replaces_the_built_in_one()
    {
        _store.Import(Lines);
        _store.Clean();
        var path = _store.Write("vocabulary.txt", "[products]\nTHING: THING\nJUMBO: JUMBO\n");
        var result = CategoryStage.Run(_store.Store, new CategoryOptions { VocabularyPath = path });
        Assert.Equal(["JUMBO", "THING", "other"], result.Categories.Select(c => c.Category).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(nameof(CategoryOptions.MinimumShare))]
    [InlineData(nameof(CategoryOptions.MinimumBuyers))]
    [InlineData(nameof(CategoryOptions.MinimumIndex))]
    [InlineData(nameof(CategoryOptions.CategoriesPerInsight))]
    public void An_option_out_of_range_is_refused_by_name(string property)
    {
        var options = property switch
        {
            nameof(CategoryOptions.MinimumShare) => new CategoryOptions { MinimumShare = 2 },
            nameof(CategoryOptions.MinimumBuyers) => new CategoryOptions { MinimumBuyers = 0 },
            nameof(CategoryOptions.MinimumIndex) => new CategoryOptions { MinimumIndex = 0.5 },
            _ => new CategoryOptions { CategoriesPerInsight = 0 },
        };
        var error = Assert.ThrowsAny<SegmentaException>(() => CategoryStage.Run(_store.Store, options));
        Assert.StartsWith(property, error.Message, StringComparison.Ordinal);
    }
}
