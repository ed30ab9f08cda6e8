using System.IO.Compression;
using Segmenta.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Pipeline;

/// <summary>
/// Two runs of the whole pipeline with the default preset: one on the shared UCI data, one on a copy of its lines
/// shuffled by this fixture (seeded), each into its own folder. Recommendations are skipped (not about money).
/// </summary>
public sealed class DefaultRunFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public DefaultRunFixture()
    {
        Result = Run(RepoPaths.OnlineRetail, "original");
        ShuffledResult = Run(ShuffledCopy(), "shuffled");
    }

    public AnalysisResult Result { get; }

    public AnalysisResult ShuffledResult { get; }

    public string OutputDirectory => Path.Combine(_directory.Path, "original");

    public string ShuffledOutputDirectory => Path.Combine(_directory.Path, "shuffled");

    public string[] CustomersCsv => File.ReadAllLines(Path.Combine(OutputDirectory, "customers.csv"));

    public void Dispose() => _directory.Dispose();

    private AnalysisResult Run(string input, string name) => AnalysisPipeline.Run(new AnalysisOptions
    {
        Inputs = [input],
        OutputDirectory = Path.Combine(_directory.Path, name),
        Recommendation = null,
    });

    private string ShuffledCopy()
    {
        using var gzip = new GZipStream(File.OpenRead(RepoPaths.OnlineRetail), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var header = reader.ReadLine()!;
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }
        var shuffled = lines.ToArray();
        new Random(20111209).Shuffle(shuffled);
        var path = _directory.File("online-retail-shuffled.csv");
        File.WriteAllLines(path, [header, .. shuffled]);
        return path;
    }
}

/// <summary>The test classes that read the two default runs of the real data.</summary>
[CollectionDefinition(Name)]
public sealed class DefaultRunCollection : ICollectionFixture<DefaultRunFixture>
{
    public const string Name = "Default run of the shared data";
}
