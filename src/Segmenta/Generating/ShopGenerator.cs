using System.Runtime.InteropServices;
using System.Text.Json;

namespace Segmenta.Generating;

/// <summary>
/// <c>segmenta generate</c>: a synthetic shop's transaction log of exactly N lines with its ground truth beside it.
/// Customers are drawn a chunk at a time and each chunk is written sorted by time, so memory does not grow with N
/// (the file is time-ordered within chunks of <see cref="ChunkCustomers"/> customers, not across them, which the
/// analysis does not care about: the same lines in any order give the same answer).
/// </summary>
public static class ShopGenerator
{
    /// <summary>Customers drawn (and their lines sorted by time) together.</summary>
    internal const int ChunkCustomers = 500;

    /// <summary>Mean products per order when no customer count is asked for (the UCI file has about 20).</summary>
    internal const double DefaultBasketMean = 20;

    /// <summary>Writes the file and its ground truth (<see cref="GenerateOptions.TruthPath"/>); returns the truth.</summary>
    /// <param name="options">What to draw and where to write it.</param>
    /// <param name="progress">Told the lines written so far after each chunk.</param>
    public static GroundTruth Generate(GenerateOptions options, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var folder = Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!;
        Directory.CreateDirectory(folder);
        var random = new Random(options.Seed);
        var catalog = new ProductCatalog(options.Products, random);
        var basketMean = BasketMean(options);
        var simulator = new CustomerSimulator(catalog, new ShopCalendar(), random, basketMean);
        var truth = new TruthCounter();
        var chunk = new List<ShopLine>();
        long written = 0, customer = 0;
        using (var sink = Open(options))
        {
            while (written < options.Lines)
            {
                chunk.Clear();
                for (var i = 0; i < ChunkCustomers; i++)
                {
                    simulator.Customer(12_346 + customer++, chunk);
                }
                chunk.Sort(ShopLine.FileOrder);
                var take = (int)Math.Min(chunk.Count, options.Lines - written);
                var lines = CollectionsMarshal.AsSpan(chunk)[..take];
                foreach (var line in lines)
                {
                    sink.Write(line);
                }
                truth.Add(lines);
                written += take;
                progress?.Invoke(written);
            }
            sink.Complete();
        }
        var model = new TruthModel(CustomerSimulator.R, CustomerSimulator.Alpha, CustomerSimulator.A, CustomerSimulator.B,
            ShopCalendar.Start, ShopCalendar.End, Math.Round(basketMean, 4));
        var result = truth.Result(options, written, model);
        File.WriteAllText(options.TruthPath, JsonSerializer.Serialize(result, GroundTruthJson.Default.GroundTruth) + "\n");
        return result;
    }

    /// <summary>Reads a ground-truth file written by <see cref="Generate"/>.</summary>
    public static GroundTruth ReadTruth(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), GroundTruthJson.Default.GroundTruth)
        ?? throw new SegmentaException($"{path} is not a ground-truth file of segmenta generate.");

    /// <summary>
    /// Products per order: the default, or what reaches about Lines / Customers lines per customer given the BG/NBD's
    /// mean orders per customer (guest orders and extra lines counted in).
    /// </summary>
    private static double BasketMean(GenerateOptions options)
    {
        if (options.Customers is not { } customers)
        {
            return DefaultBasketMean;
        }
        var linesPerOrder = (double)options.Lines / customers / CustomerSimulator.MeanOrders(options.Seed);
        return Math.Clamp((linesPerOrder - 0.3) / (1 + CustomerSimulator.GuestShare), 1, options.Products / 2.0);
    }

    private static ILineSink Open(GenerateOptions options) => options.Format switch
    {
        GeneratedFormat.Parquet => new ParquetLineSink(options.OutputPath),
        GeneratedFormat.CsvGz => new CsvLineSink(options.OutputPath, gzip: true),
        _ => new CsvLineSink(options.OutputPath, gzip: false),
    };
}
