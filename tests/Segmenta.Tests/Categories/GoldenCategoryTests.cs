using Segmenta.Categories;

namespace Segmenta.Tests.Categories;

/// <summary>The built-in vocabulary on 50 real products checked by hand (<see cref="GoldenProducts"/>).</summary>
public sealed class GoldenCategoryTests
{
    [Fact]
    public void Fifty_real_products_checked_by_hand_get_the_category_a_person_gives_them()
    {
        var vocabulary = CategoryVocabulary.Load(null);
        var golden = GoldenProducts.Read();
        Assert.Equal(50, golden.Count);
        var wrong = golden
            .Select(g => (g.Product, g.Description, Expected: g.Category, Actual: vocabulary.Categorise(g.Description).Category))
            .Where(g => g.Expected != g.Actual)
            .ToList();
        Assert.True(wrong.Count == 0, "Categorised otherwise than by hand: " + string.Join("; ", wrong.Select(w => $"{w.Product} {w.Description}: {w.Actual}, expected {w.Expected}")));
    }
}
