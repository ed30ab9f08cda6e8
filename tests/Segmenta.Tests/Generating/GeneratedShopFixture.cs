using Segmenta.Cleaning;
using Segmenta.Generating;
using Segmenta.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Generating;

/// <summary>
/// One generated shop of 50,000 lines (gzip CSV), analysed as `segmenta analyze` does with the default preset
/// (recommendations skipped: not about counts) and with the classic preset (cleaning and features only).
/// </summary>
public sealed class GeneratedShopFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public GeneratedShopFixture()
    {
        var file = _directory.File("shop.csv.gz");
        Truth = ShopGenerator.Generate(new GenerateOptions { Lines = 50_000, Seed = 11, Format = GeneratedFormat.CsvGz, OutputPath = file });
        TruthFile = ShopGenerator.ReadTruth(file + ".truth.json");
        Default = AnalysisPipeline.Run(new AnalysisOptions
        {
            Inputs = [file],
            OutputDirectory = _directory.File("default"),
            Recommendation = null,
        });
        Classic = AnalysisPipeline.Run(new AnalysisOptions
        {
            Inputs = [file],
            OutputDirectory = _directory.File("classic"),
            Cleaning = new CleaningOptions { Preset = CleaningPreset.Classic },
            Segmentation = null,
            Recommendation = null,
            Lifetime = null,
        });
    }

    public GroundTruth Truth { get; }

    public GroundTruth TruthFile { get; }

    public AnalysisResult Default { get; }

    public AnalysisResult Classic { get; }

    public void Dispose() => _directory.Dispose();
}

/// <summary>The test classes that read the generated shop.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedShopCollection : ICollectionFixture<GeneratedShopFixture>
{
    public const string Name = "Generated shop of 50,000 lines";
}
