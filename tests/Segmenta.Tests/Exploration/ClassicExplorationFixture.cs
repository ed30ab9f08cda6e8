using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Loading;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Exploration;

/// <summary>The shared UCI data imported and cleaned with the classic preset, explored once per test class.</summary>
public sealed class ClassicExplorationFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ClassicExplorationFixture()
    {
        Store = SegmentaStore.Open(_directory.File("classic.duckdb"));
        Importer.Import(Store, RepoPaths.OnlineRetail, new ImportOptions());
        Cleaner.Run(Store, new CleaningOptions { Preset = CleaningPreset.Classic });
        Result = Explorer.Run(Store, new ExplorationOptions());
        OutputDirectory = _directory.File("out");
        ExplorationOutputs.Write(Result, OutputDirectory);
    }

    public SegmentaStore Store { get; }

    public ExplorationResult Result { get; }

    public string OutputDirectory { get; }

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }
}
