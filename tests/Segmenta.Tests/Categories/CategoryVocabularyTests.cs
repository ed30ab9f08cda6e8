using Segmenta.Categories;

namespace Segmenta.Tests.Categories;

/// <summary>The derivation of a category from a description, on hand-made catalogues whose heads are known.</summary>
public sealed class CategoryVocabularyTests
{
    // A vocabulary of its own, so these tests say what the rule does whatever the built-in file holds.
    private const string Vocabulary = """
        # test vocabulary
        [products]
        BAG: BAG, SHOPPER
        T-LIGHT HOLDER: T-LIGHT HOLDER, TEA LIGHT HOLDER
        CANDLE: CANDLE, T-LIGHT
        MUG: MUG
        CAKE TIN: CAKE TIN
        DOILY: DOILY
        SHELF: SHELF
        BOX: BOX
        HOT WATER BOTTLE: HOT WATER BOTTLE
        BOTTLE: BOTTLE
        [motifs]
        DECORATION: HEART, STAR
        """;

    private static readonly CategoryVocabulary Test = CategoryVocabulary.Parse(Vocabulary, "the test vocabulary");

    [Theory]
    [InlineData("JUMBO BAG RED RETROSPOT", "BAG", "BAG")] // the product word comes before its colour and pattern
    [InlineData("WHITE HANGING HEART T-LIGHT HOLDER", "T-LIGHT HOLDER", "T LIGHT HOLDER")] // the longest phrase at a word wins; a motif never beats a product
    [InlineData("white hanging heart t light holder", "T-LIGHT HOLDER", "T LIGHT HOLDER")] // case and hyphens do not matter
    [InlineData("SET OF 6 T-LIGHTS SANTA", "CANDLE", "T LIGHTS")] // plural, after the quantity
    [InlineData("SET OF 3 CAKE TINS PANTRY DESIGN", "CAKE TIN", "CAKE TINS")]
    [InlineData("PACK OF 12 PAPER DOILIES", "DOILY", "DOILIES")] // -IES plural
    [InlineData("WALL SHELVES", "SHELF", "SHELVES")] // -VES plural
    [InlineData("BOX OF 6 ASSORTED COLOUR BOXES", "BOX", "BOXES")] // "BOX OF 6" is a quantity, not the product
    [InlineData("SET/4 PINK MUGS", "MUG", "MUGS")] // "SET/4" too
    [InlineData("CHOCOLATE HOT WATER BOTTLE", "HOT WATER BOTTLE", "HOT WATER BOTTLE")]
    [InlineData("HEART OF WICKER SMALL", "DECORATION", "HEART")] // no product word: the motif
    [InlineData("JUMBO SHOPPER VINTAGE RED PAISLEY", "BAG", "SHOPPER")] // a synonym
    [InlineData("CHILDREN'S MUG", "MUG", "MUG")]
    public void The_category_is_the_leftmost_product_phrase_of_the_description(string description, string category, string phrase)
    {
        Assert.Equal((category, phrase), Test.Categorise(description));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("POSTAGE")]
    [InlineData("SET OF 3")] // only a quantity
    public void A_description_without_any_phrase_is_other(string? description)
    {
        Assert.Equal((CategoryVocabulary.Other, ""), Test.Categorise(description));
    }

    [Fact]
    public void The_same_descriptions_give_the_same_categories_whatever_the_order()
    {
        string[] catalogue = ["JUMBO BAG RED RETROSPOT", "HEART OF WICKER SMALL", "PACK OF 12 PAPER DOILIES", "SET OF 6 T-LIGHTS SANTA", "ZZZ"];
        var forward = catalogue.Select(d => Test.Categorise(d)).ToList();
        var backward = catalogue.Reverse().Select(d => Test.Categorise(d)).Reverse().ToList();
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void The_built_in_vocabulary_reads_and_gives_the_usual_heads()
    {
        var builtIn = CategoryVocabulary.Load(null);
        Assert.Equal("BAG", builtIn.Categorise("JUMBO BAG RED RETROSPOT").Category);
        Assert.Equal("T-LIGHT HOLDER", builtIn.Categorise("WHITE HANGING HEART T-LIGHT HOLDER").Category);
        Assert.Equal("CAKE STAND", builtIn.Categorise("REGENCY CAKESTAND 3 TIER").Category);
        Assert.Equal("CAKE CASE", builtIn.Categorise("PACK OF 72 RETROSPOT CAKE CASES").Category);
        Assert.Equal("MUG", builtIn.Categorise("RED SPOTTY MUG").Category);
        Assert.True(builtIn.Categories.Count >= 40, $"{builtIn.Categories.Count} categories");
        Assert.DoesNotContain(CategoryVocabulary.Other, builtIn.Categories);
    }

    [Theory]
    [InlineData("[products]\nBAG: BAG\nSACK: BAG\n", "the phrase 'BAG' is given to SACK and already to BAG")]
    [InlineData("[products]\nBAG: BAG\n[motifs]\nDECORATION: BAGS, BAG\n", "the phrase 'BAG' is given to DECORATION and already to BAG")]
    [InlineData("BAG: BAG\n", "a category line before the [products] section")]
    [InlineData("[products]\nBAG BAG SHOPPER\n", "is not CATEGORY: phrase, phrase")]
    [InlineData("[products]\nother: MISC\n", "'other' is the category of descriptions without a phrase")]
    [InlineData("[things]\nBAG: BAG\n", "unknown section [things]")]
    [InlineData("# nothing\n", "has no [products] phrases")]
    public void A_bad_vocabulary_is_refused_with_the_line_and_what_to_fix(string text, string expected)
    {
        var error = Assert.ThrowsAny<SegmentaException>(() => CategoryVocabulary.Parse(text, "my.txt"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("my.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_vocabulary_file_names_the_option()
    {
        var error = Assert.ThrowsAny<SegmentaException>(() => CategoryVocabulary.Load("/nonexistent/vocabulary.txt"));
        Assert.Contains("VocabularyPath", error.Message, StringComparison.Ordinal);
    }
}
