using System.Globalization;
using Segmenta.Profiling;

namespace Segmenta.Categories;

/// <summary>
/// The insight sentences about categories: per segment, the categories it buys most above all customers
/// ("Champions over-buy BAG ×3.2 (7.4% of their spend; 2.3% for all customers)"). A category is named only with
/// enough support: a minimum share of the segment's spend, a minimum number of buyers and a minimum index that still
/// holds without the segment's biggest buyer of the category, so an index on a few pounds of spend or on one customer's
/// large order is never named; "other" is never named.
/// </summary>
internal static class CategoryInsights
{
    internal static List<string> Write(ProfiledSegmentation segmentation, Func<int, IEnumerable<CategoryPreference>> preferencesOf, CategoryOptions options)
    {
        var sentences = new List<string>();
        foreach (var segment in segmentation.Segments.OrderBy(s => s.Profile.SegmentId))
        {
            var named = preferencesOf(segment.Profile.SegmentId)
                .Where(p => p.Category != CategoryVocabulary.Other && p.Share >= options.MinimumShare && p.Buyers >= options.MinimumBuyers
                    && double.IsFinite(p.Index) && p.Index >= options.MinimumIndex && double.IsFinite(p.RobustIndex) && p.RobustIndex >= options.MinimumIndex)
                .OrderByDescending(p => p.Index).ThenBy(p => p.Category, StringComparer.Ordinal)
                .Take(options.CategoriesPerInsight)
                .Select(p => string.Create(CultureInfo.InvariantCulture,
                    $"{p.Category} ×{p.Index:0.0} ({PercentText.Format(p.Share)} of their spend; {PercentText.Format(p.OverallShare)} for all customers)"))
                .ToList();
            if (named.Count > 0)
            {
                sentences.Add($"{segment.Name} over-buy {string.Join(" and ", named)}.");
            }
        }
        return sentences;
    }
}
