using System.Globalization;

namespace Segmenta.Generating;

/// <summary>One product of the synthetic shop.</summary>
/// <param name="StockCode">Five-digit code (never one of the non-product codes).</param>
/// <param name="Description">Upper-case name without commas or quotes.</param>
/// <param name="PriceCents">Unit price in cents (fixed over the period).</param>
/// <param name="PackSize">Usual units per line (wholesale packs: cheap things come by the dozen).</param>
/// <param name="CycleDays">Days after which a customer who likes it tends to buy it again.</param>
internal sealed record Product(string StockCode, string Description, long PriceCents, int PackSize, double CycleDays);

/// <summary>The catalogue: prices log-normal around £2.50, popularity Zipf-like (a few best-sellers, a long tail).</summary>
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

    internal ProductCatalog(int count, Random random)
    {
        var products = new Product[count];
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            var price = Math.Clamp(Math.Round(250 * Math.Exp(0.8 * Normal(random))), 19, 30_000);
            var pack = price switch
            {
                < 150 => PackSizes[3 + random.Next(4)],
                < 500 => PackSizes[1 + random.Next(4)],
                _ => PackSizes[random.Next(3)],
            };
            products[i] = new Product(
                (10_002 + i).ToString(CultureInfo.InvariantCulture),
                Name(i),
                (long)price,
                pack,
                14 + random.NextDouble() * 106);
            weights[i] = 1.0 / (i + 10);
        }
        Products = products;
        _popularity = ShopCalendar.Cumulative(weights);
    }

    internal IReadOnlyList<Product> Products { get; }

    /// <summary>A product drawn by popularity.</summary>
    internal Product Draw(Random random) => Products[ShopCalendar.Pick(_popularity, random)];

    /// <summary>A standard normal draw (Box-Muller), kept here so every draw goes through the one seeded generator.</summary>
    internal static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Name(int i)
    {
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{Colours[i % Colours.Length]} {Materials[i / Colours.Length % Materials.Length]} {Things[i / (Colours.Length * Materials.Length) % Things.Length]}");
        var round = i / (Colours.Length * Materials.Length * Things.Length);
        return round == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name} NO. {round + 1}");
    }
}
