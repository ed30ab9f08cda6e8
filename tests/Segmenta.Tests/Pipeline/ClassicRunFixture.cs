using Segmenta.Cleaning;
using Segmenta.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Pipeline;

/// <summary>One run of the whole pipeline on the shared UCI data with the classic preset, shared by a test class.</summary>
public sealed class ClassicRunFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ClassicRunFixture()
    {
        Result = AnalysisPipeline.Run(new AnalysisOptions
        {
            Inputs = [RepoPaths.OnlineRetail],
            OutputDirectory = _directory.Path,
            Cleaning = new CleaningOptions { Preset = CleaningPreset.Classic },
        });
        CustomersCsv = File.ReadAllLines(Path.Combine(_directory.Path, "customers.csv"));
    }

    public AnalysisResult Result { get; }

    public string[] CustomersCsv { get; }

    public string OutputDirectory => _directory.Path;

    public void Dispose() => _directory.Dispose();
}
