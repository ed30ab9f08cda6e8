namespace Segmenta.Tests.Categories;

/// <summary>
/// Data/categories/golden-products.csv: 50 products of the shared UCI data, sampled deterministically (the products
/// of out/exploration/product-categories.csv in ordinal order of stock code, every 3,658/50-th one, i.e. index
/// floor(i × n / 50) for i = 0..49, from a default run), with their most frequent description and the category a
/// person gives them, each checked by hand (session 3, categories helper). Where the first derivation disagreed
/// (a calculator ruler as ELECTRONICS, doily-pattern tissues as DOILY, a wall tidy as WALL ART), the vocabulary was
/// fixed, not the file.
/// </summary>
internal static class GoldenProducts
{
    internal static IReadOnlyList<(string Product, string Description, string Category)> Read() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "categories", "golden-products.csv"))
            .Skip(1)
            .Select(Fields)
            .Select(f => (f[0], f[1], f[2]))
            .ToList();

    /// <summary>The fields of one CSV line (quoted fields with doubled quotes allowed).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
