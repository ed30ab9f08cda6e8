using System.Globalization;
using Segmenta.Store;

namespace Segmenta.Exploration;

/// <summary>A product found by a search.</summary>
public sealed record ProductMatch(string StockCode, string? Description, double Revenue, long Customers);

/// <summary>Finds products by code or words of their description, case-insensitive (the dashboard's product search).</summary>
public static class ProductSearch
{
    /// <summary>Up to <paramref name="limit"/> products matching every word (at most 4 are used), an exact code first.</summary>
    public static IReadOnlyList<ProductMatch> Find(SegmentaStore store, string text, int limit)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4).ToArray();
        if (words.Length == 0 || !store.HasTable("clean_lines"))
        {
            return [];
        }
        string? Word(int i) => i < words.Length ? words[i] : null;
        return store.Query(SqlScripts.Get("Exploration/product_search.sql"),
            r => new ProductMatch(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetDouble(2), Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture)),
            ("w1", Word(0)), ("w2", Word(1)), ("w3", Word(2)), ("w4", Word(3)), ("limit", (long)limit));
    }
}
