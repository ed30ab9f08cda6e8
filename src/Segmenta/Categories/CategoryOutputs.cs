using System.Globalization;
using System.Text;
using Segmenta.Segmentation;

namespace Segmenta.Categories;

/// <summary>
/// out/exploration/categories.csv (one row per category), out/exploration/product-categories.csv (every product, its
/// description and the phrase that gave its category, so the choice can be checked) and out/segment-categories.csv
/// (what each segment buys by category). Columns are documented in docs/exploration.md.
/// </summary>
public static class CategoryOutputs
{
    /// <summary>Writes the exploration files (removing stale ones when there are no categories) and returns their paths.</summary>
    public static IReadOnlyList<string> WriteExploration(Store.SegmentaStore store, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = Path.Combine(outputDirectory, "exploration");
        Directory.CreateDirectory(folder);
        var summary = Path.Combine(folder, "categories.csv");
        var products = Path.Combine(folder, "product-categories.csv");
        if (!CategoryTables.Exist(store))
        {
            File.Delete(summary);
            File.Delete(products);
            return [];
        }
        Write(summary, "Category,Products,Lines,Quantity,Revenue,Customers,ReturnedQuantity,ReturnedValue,NetRevenue,RevenueShare",
            CategoryTables.LoadSummary(store).Select(c => new[]
            {
                CsvCell.Text(c.Category), Int(c.Products), Int(c.Lines), Number(c.Quantity, 3), Number(c.Revenue, 2), Int(c.Customers),
                Number(c.ReturnedQuantity, 3), Number(c.ReturnedValue, 2), Number(c.NetRevenue, 2), Share(c.RevenueShare),
            }));
        Write(products, "Product,Description,Category,MatchedWords",
            CategoryTables.LoadProducts(store).Select(p => new[] { CsvCell.Text(p.Product), CsvCell.Text(p.Description), CsvCell.Text(p.Category), CsvCell.Text(p.Matched) }));
        return [summary, products];
    }

    /// <summary>Writes out/segment-categories.csv, or removes a stale one; returns its path or null.</summary>
    public static string? WritePreferences(Store.SegmentaStore store, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(store);
        var path = Path.Combine(outputDirectory, "segment-categories.csv");
        var rows = CategoryTables.LoadPreferences(store);
        if (rows.Count == 0)
        {
            File.Delete(path);
            return null;
        }
        Write(path, "Segmentation,SegmentId,Category,Buyers,GrossSpend,SegmentGrossSpend,Share,AllCustomersShare,Index,TopBuyerGrossSpend,IndexWithoutTopBuyer",
            rows.Select(p => new[]
            {
                CsvCell.Text(p.Segmentation.Id()), Int(p.SegmentId), CsvCell.Text(p.Category), Int(p.Buyers), Number(p.Spend, 2), Number(p.SegmentSpend, 2),
                Share(p.Share), Share(p.OverallShare), Fixed(p.Index, 3), Number(p.TopBuyerSpend, 2), Fixed(p.RobustIndex, 3),
            }));
        return path;
    }

    private static void Write(string path, string header, IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder(header).Append('\n');
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row).Append('\n');
        }
        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An exact decimal rounded half away from zero, without trailing zeros, never "-0".</summary>
    private static string Number(decimal value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    private static string Share(double value) => Fixed(value, 6);

    /// <summary>Plain decimal notation, empty when not defined (NaN), never "-0".</summary>
    private static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? (Math.Round(value, decimals) + 0.0).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture) : "";
}
