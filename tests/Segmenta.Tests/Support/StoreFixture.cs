using Segmenta.Cleaning;
using Segmenta.Features;
using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Tests.Support;

/// <summary>Imports text into a throwaway store and runs the stages on it.</summary>
public sealed class StoreFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public StoreFixture() => Store = SegmentaStore.Open(_directory.File("test.duckdb"));

    public SegmentaStore Store { get; }

    public string Write(string name, string text, System.Text.Encoding? encoding = null) => _directory.Write(name, text, encoding);

    public ImportResult Import(string csv, ImportOptions? options = null, string name = "lines.csv") =>
        Importer.Import(Store, Write(name, csv), options ?? new ImportOptions());

    public CleaningReport Clean(CleaningPreset preset = CleaningPreset.Default) =>
        Cleaner.Run(Store, new CleaningOptions { Preset = preset });

    public FeatureSummary Features(DateOnly? asOf = null) => CustomerFeatures.Compute(Store, new FeatureOptions { AsOf = asOf });

    public List<T> Query<T>(string sql, Func<System.Data.Common.DbDataReader, T> map) => Store.Query(sql, map);

    public T? Scalar<T>(string sql) => Store.Scalar<T>(sql);

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }
}
