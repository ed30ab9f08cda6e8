namespace Segmenta.Generating;

/// <summary>The file a synthetic shop is written as.</summary>
public enum GeneratedFormat
{
    /// <summary>Plain CSV in the UCI Online Retail layout.</summary>
    Csv,
    /// <summary>The same CSV, gzip-compressed.</summary>
    CsvGz,
    /// <summary>Parquet with typed columns (quantity INTEGER, date TIMESTAMP, price DECIMAL, customer VARCHAR).</summary>
    Parquet,
}

/// <summary>What <see cref="ShopGenerator"/> draws; validated once by <see cref="Validate"/>.</summary>
public sealed record GenerateOptions
{
    /// <summary>Exactly this many lines are written (header not counted). Required, at least 1.</summary>
    public long Lines { get; init; }

    /// <summary>
    /// About how many customers the lines belong to; null (the default) gives about one customer per 120 lines, as
    /// in the UCI file. The basket size is scaled to reach it (the purchase model stays the known BG/NBD).
    /// </summary>
    public long? Customers { get; init; }

    /// <summary>Products in the catalogue; default 4,000 (the UCI file has 4,070). At least 20.</summary>
    public int Products { get; init; } = 4_000;

    /// <summary>Seed of every random draw: the same options give a byte-identical CSV file.</summary>
    public int Seed { get; init; }

    /// <summary>File format; default <see cref="GeneratedFormat.Csv"/>.</summary>
    public GeneratedFormat Format { get; init; } = GeneratedFormat.Csv;

    /// <summary>The data file to write; the ground truth goes beside it as <c>FILE.truth.json</c>.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The ground-truth file written beside <see cref="OutputPath"/>.</summary>
    public string TruthPath => OutputPath + ".truth.json";

    /// <summary>The format an output path implies: .parquet, .gz, otherwise CSV.</summary>
    public static GeneratedFormat FormatOf(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? GeneratedFormat.Parquet
        : path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? GeneratedFormat.CsvGz
        : GeneratedFormat.Csv;

    internal void Validate()
    {
        if (Lines < 1)
        {
            throw new SegmentaException($"Lines must be at least 1; got {Lines}.");
        }
        if (Customers is < 1)
        {
            throw new SegmentaException($"Customers must be at least 1; got {Customers}.");
        }
        if (Customers > Lines)
        {
            throw new SegmentaException($"Customers ({Customers}) cannot exceed Lines ({Lines}): every customer has at least one line.");
        }
        if (Products < 20)
        {
            throw new SegmentaException($"Products must be at least 20; got {Products}.");
        }
        if (string.IsNullOrWhiteSpace(OutputPath))
        {
            throw new SegmentaException("OutputPath is empty: give the file to write.");
        }
    }
}
