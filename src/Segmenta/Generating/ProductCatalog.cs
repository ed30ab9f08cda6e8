using System.Globalization;

namespace Segmenta.Generating;

/// <summary>One product of the synthetic shop.</summary>
/// <param name="Index">Position in the catalogue (0 = the best-seller).</param>
/// <param name="StockCode">Five-digit code (never one of the non-product codes).</param>
/// <param name="Description">Upper-case name without commas or quotes.</param>
/// <param name="PriceCents">Unit price in cents (fixed over the period).</param>
/// <param name="PackSize">Usual units per line (wholesale packs: cheap things come by the dozen).</param>
/// <param name="CycleDays">Days after which a customer who likes it tends to buy it again.</param>
/// <param name="Category">The kind of thing it is (the last words of its name: LANTERN, MUG, ...), 0 ≤ Category &lt; <see cref="ProductCatalog.Categories"/>.</param>
/// <param name="Partner">The product often bought in the same order (its index): a fixed product of the category paired with this one.</param>
internal sealed record Product(int Index, string StockCode, string Description, long PriceCents, int PackSize, double CycleDays, int Category, int Partner);

/// <summary>
/// The catalogue: prices log-normal around £2.50, popularity Zipf-like (a few best-sellers, a long tail). Every product
/// is one of <see cref="Categories"/> kinds of thing (named by it, as the analysis's category vocabulary reads it), and
/// has a partner from a fixed other category that is often bought with it (a tea set and a cake stand): the affinity
/// structure real shops have, so that what a customer bought says something about what they will buy next.
/// </summary>
internal sealed class ProductCatalog
{
    private static readonly string[] Colours = ["RED", "BLUE", "PINK", "WHITE", "GREEN", "IVORY", "BLACK", "GOLD", "SILVER", "PASTEL", "VINTAGE", "RETRO"];
    private static readonly string[] Materials = ["HEART", "GLASS", "METAL", "WOODEN", "CERAMIC", "PAPER", "ENAMEL", "FELT", "ZINC", "LACE"];
    private static readonly string[] Things =
    [
        "T-LIGHT HOLDER", "LANTERN", "COAT HANGER", "HOT WATER BOTTLE", "DOORSTOP", "CAKE STAND", "BUNTING", "TEA SET",
        "LUNCH BAG", "JAM JAR", "PHOTO FRAME", "CANDLE", "CLOCK", "BIRD ORNAMENT", "STORAGE TIN", "NAPKINS", "MUG",
        "PARTY BAG", "WATER BOTTLE", "NOTEBOOK", "WRAP", "BAKING SET", "CUSHION COVER", "WALL SIGN", "CHALKBOARD",
        "PEG BAG", "DOOR MAT", "TRINKET BOX", "SPOTTY BAG", "PENCILS", "PLASTERS", "BELL", "STAR", "GARLAND",
        "PURSE", "MIRROR", "VASE", "BOWL", "TRAY", "HOOK",
    ];

    private static readonly int[] PackSizes = [1, 2, 3, 4, 6, 12, 24];

    private readonly double[] _popularity;
    private readonly double[] _categoryPopularity;
    private readonly int[][] _inCategory;
    private readonly double[][] _popularityInCategory;

    internal ProductCatalog(int count, Random random)
    {
        var prices = new long[count];
        var packs = new int[count];
        var cycles = new double[count];
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            var price = Math.Clamp(Math.Round(250 * Math.Exp(0.8 * Normal(random))), 19, 30_000);
            packs[i] = price switch
            {
                < 150 => PackSizes[3 + random.Next(4)],
                < 500 => PackSizes[1 + random.Next(4)],
                _ => PackSizes[random.Next(3)],
            };
            prices[i] = (long)price;
            cycles[i] = 14 + random.NextDouble() * 106;
            weights[i] = 1.0 / (i + 10);
        }
        _popularity = ShopCalendar.Cumulative(weights);
        Categories = Math.Min(count, Things.Length);
        _inCategory = [.. Enumerable.Range(0, Categories).Select(c => Enumerable.Range(0, count).Where(i => CategoryOf(i) == c).ToArray())];
        _popularityInCategory = [.. _inCategory.Select(members => ShopCalendar.Cumulative([.. members.Select(i => weights[i])]))];
        _categoryPopularity = ShopCalendar.Cumulative([.. _inCategory.Select(members => members.Sum(i => weights[i]))]);
        // Each category is paired with another one (never itself) whose products go with its own.
        var partnerCategory = new int[Categories];
        for (var c = 0; c < Categories; c++)
        {
            partnerCategory[c] = (c + 1 + random.Next(Categories - 1)) % Categories;
        }
        var products = new Product[count];
        for (var i = 0; i < count; i++)
        {
            var category = CategoryOf(i);
            var partner = DrawIndex(partnerCategory[category], random);
            products[i] = new Product(i, (10_002 + i).ToString(CultureInfo.InvariantCulture), Name(i), prices[i], packs[i], cycles[i], category, partner);
        }
        Products = products;
    }

    internal IReadOnlyList<Product> Products { get; }

    /// <summary>Kinds of thing in the catalogue (40, fewer in a catalogue of fewer products).</summary>
    internal int Categories { get; }

    /// <summary>A product drawn by popularity.</summary>
    internal Product Draw(Random random) => Products[ShopCalendar.Pick(_popularity, random)];

    /// <summary>A product of <paramref name="category"/> drawn by popularity within it.</summary>
    internal Product Draw(int category, Random random) => Products[DrawIndex(category, random)];

    /// <summary>A category drawn by the popularity of its products (the categories a customer likes are drawn so).</summary>
    internal int DrawCategory(Random random) => ShopCalendar.Pick(_categoryPopularity, random);

    private int DrawIndex(int category, Random random) => _inCategory[category][ShopCalendar.Pick(_popularityInCategory[category], random)];

    /// <summary>A standard normal draw (Box-Muller), kept here so every draw goes through the one seeded generator.</summary>
    internal static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The thing a product is: consecutive products are different things, so every category has best-sellers and a tail.</summary>
    private static int CategoryOf(int i) => i % Things.Length;

    private static string Name(int i)
    {
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{Colours[i / Things.Length % Colours.Length]} {Materials[i / (Things.Length * Colours.Length) % Materials.Length]} {Things[CategoryOf(i)]}");
        var round = i / (Colours.Length * Materials.Length * Things.Length);
        return round == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name} NO. {round + 1}");
    }
}
