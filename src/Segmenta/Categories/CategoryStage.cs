using Segmenta.Profiling;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Categories;

/// <summary>
/// Product categories (issue #22): each product of the kept lines gets one category, from the data's category column
/// when it has one, otherwise from its most frequent description with the category vocabulary; then the category table
/// of the exploration, and after profiling, what each segment buys by category and the insights naming what it over-buys.
/// </summary>
public static class CategoryStage
{
    /// <summary>Categorises the products and builds category_summary. Needs a cleaned store.</summary>
    public static CategoryResult Run(SegmentaStore store, CategoryOptions options) => Run(store, options, elsewhere: null);

    /// <summary>
    /// As <see cref="Run(SegmentaStore, CategoryOptions)"/>; with <paramref name="elsewhere"/>, what reads lines runs
    /// where the lines are (the PostgreSQL engine) and only the products' texts and the category_summary come back.
    /// </summary>
    internal static CategoryResult Run(SegmentaStore store, CategoryOptions options, ICategoryLines? elsewhere)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // Existence, not counts: the scans stop at the first match, and "category IS NOT NULL" first lets DuckDB skip
        // every row group whose statistics say the column is all NULL (a file without a category column) unread.
        var fromColumn = elsewhere?.HasCategoryColumn() ?? store.Scalar<bool>("SELECT EXISTS (SELECT 1 FROM raw_lines WHERE category IS NOT NULL AND trim(category) <> '')");
        if (!fromColumn && !(elsewhere?.HasDescriptions() ?? store.Scalar<bool>("SELECT EXISTS (SELECT 1 FROM clean_lines WHERE description IS NOT NULL AND trim(description) <> '')")))
        {
            CategoryTables.Clear(store);
            return CategoryResult.Skipped(
                "Product categories skipped: the data has neither product descriptions nor a category column (give one with --map description=COLUMN or --map category=COLUMN).");
        }
        // The built-in or given vocabulary is read (and checked) even with a category column, so a bad file is reported either way.
        var vocabulary = CategoryVocabulary.Load(options.VocabularyPath);
        List<ProductCategory> products;
        if (elsewhere is null)
        {
            store.Execute($"SET VARIABLE use_column = {(fromColumn ? "true" : "false")}");
            products = store.Query(SqlScripts.Get("Categories/product_descriptions.sql"), r => Categorise(
                r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), fromColumn, vocabulary));
        }
        else
        {
            products = [.. elsewhere.ProductTexts(fromColumn).Select(p => Categorise(p.Product, p.Description, p.Category, fromColumn, vocabulary))];
        }
        CategoryTables.Save(store, products);
        if (!Loading.LoadedAmounts.Known(store))
        {
            // Products keep their categories (customer page, recommendation filter); what needs money is not summed as 0.
            store.Execute("DROP TABLE IF EXISTS customer_category_spend; DROP TABLE IF EXISTS category_summary; DROP TABLE IF EXISTS segment_category_preferences");
            return new CategoryResult(fromColumn ? CategorySource.Column : CategorySource.Descriptions, [], products.Count,
                products.LongCount(p => p.Category == CategoryVocabulary.Other))
            {
                Note = "Category revenue and segment category preferences skipped: no amount in this file (products still have their categories).",
            };
        }
        if (elsewhere is null)
        {
            WrittenJoinOrder.Execute(store, SqlScripts.Get("Categories/category_summary.sql"));
        }
        else
        {
            elsewhere.Summarise(store, products);
        }
        return new CategoryResult(fromColumn ? CategorySource.Column : CategorySource.Descriptions, CategoryTables.LoadSummary(store),
            products.Count, products.LongCount(p => p.Category == CategoryVocabulary.Other));
    }

    /// <summary>
    /// Builds segment_category_preferences for every profiled segmentation and adds to each one insight sentence per
    /// segment that over-buys a category with enough support (<see cref="CategoryOptions"/>). Without categories in
    /// the store, the segmentations are returned as they are.
    /// </summary>
    /// <param name="store">The store, profiled.</param>
    /// <param name="segmentations">The segmentations just profiled.</param>
    /// <param name="options">Insight thresholds.</param>
    /// <param name="only">When set, only this segmentation's preferences are rebuilt (a re-run changed only it); the others' are kept.</param>
    public static IReadOnlyList<ProfiledSegmentation> AddPreferences(SegmentaStore store, IReadOnlyList<ProfiledSegmentation> segmentations, CategoryOptions options,
        SegmentationKind? only = null) => AddPreferences(store, segmentations, options, only, elsewhere: null);

    /// <summary>As the public overload; with <paramref name="elsewhere"/> (every segmentation only), the preferences are computed where the lines are.</summary>
    internal static IReadOnlyList<ProfiledSegmentation> AddPreferences(SegmentaStore store, IReadOnlyList<ProfiledSegmentation> segmentations, CategoryOptions options,
        SegmentationKind? only, ICategoryLines? elsewhere)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(segmentations);
        ArgumentNullException.ThrowIfNull(options);
        if (!CategoryTables.Exist(store))
        {
            store.Execute("DROP TABLE IF EXISTS segment_category_preferences");
            return segmentations;
        }
        if (elsewhere is not null && only is null)
        {
            elsewhere.Preferences(store);
        }
        else
        {
            ProfiledScope.Rebuild(store, only, ["segment_category_preferences"], SqlScripts.Get("Categories/segment_category_preferences.sql"));
        }
        var preferences = CategoryTables.LoadPreferences(store, only).ToLookup(p => (p.Segmentation, p.SegmentId));
        return segmentations.Select(s =>
        {
            var insights = CategoryInsights.Write(s, id => preferences[(s.Segmentation, id)], options);
            Profiler.AddInsights(store, s.Segmentation, insights);
            return insights.Count == 0 ? s : s with { Insights = [.. s.Insights, .. insights] };
        }).ToList();
    }

    private static ProductCategory Categorise(string product, string? description, string? columnValue, bool fromColumn, CategoryVocabulary vocabulary)
    {
        if (fromColumn)
        {
            return new ProductCategory(product, description, columnValue ?? CategoryVocabulary.Other, columnValue is null ? "" : "category column");
        }
        var (category, phrase) = vocabulary.Categorise(description);
        return new ProductCategory(product, description, category, phrase);
    }
}
