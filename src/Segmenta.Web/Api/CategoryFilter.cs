using Segmenta.Categories;

namespace Segmenta.Web.Api;

/// <summary>The stored recommendations of a customer restricted to one product category (issue #22).</summary>
internal static class CategoryFilter
{
    internal static IResult Recommendations(LookupCache lookups, StoreAccess store, string customerId, string category, int top)
    {
        var categories = store.Read(CategoryTables.CategoryByProduct);
        if (categories.Count == 0)
        {
            return Problems.BadRequest("category", "The database holds no product categories (the data had neither descriptions nor a category column); leave out category=.");
        }
        var known = categories.Values.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (!known.Contains(category, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.BadRequest("category", $"No category '{category}'. The categories are: {string.Join(", ", known)}.");
        }
        return Results.Ok(lookups.Recommendations(customerId, int.MaxValue)
            .Where(r => categories.TryGetValue(r.StockCode, out var c) && c.Equals(category, StringComparison.OrdinalIgnoreCase))
            .Take(top)
            .ToList());
    }
}
