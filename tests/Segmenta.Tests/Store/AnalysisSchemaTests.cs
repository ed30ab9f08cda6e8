using System.Security.Cryptography;
using System.Text;
using Segmenta.Generating;
using Segmenta.Pipeline;
using Segmenta.Recommending;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Store;

/// <summary>
/// A database written by another version of Segmenta fails every command that reads its analysis with one message
/// saying how to rebuild it (the imported lines are kept), and the layout of the analysis tables cannot change without
/// the version being bumped.
/// </summary>
public sealed class AnalysisSchemaTests : IDisposable
{
    /// <summary>
    /// SHA-256 (first 16 hex digits) of every table, column and type the default analysis writes, for
    /// <see cref="AnalysisSchema.Version"/>. When it changes, bump the version and set the new value here.
    /// </summary>
    private const string Fingerprint = "ad453571f66f41a7";

    private readonly TempDirectory _directory = new();
    private readonly string _shop;
    private readonly string _database;

    public AnalysisSchemaTests()
    {
        _shop = _directory.File("shop.csv.gz");
        // Seed 4: a shop of 6,000 lines has about 50 customers, and the one of seed 3 (since the generator draws tastes)
        // is one on which no lifetime model converges, so the analysis writes no lifetime tables.
        ShopGenerator.Generate(new GenerateOptions { Lines = 6_000, Seed = 4, Format = GeneratedFormat.CsvGz, OutputPath = _shop });
        _database = Path.Combine(_directory.File("out"), "segmenta.duckdb");
        AnalysisPipeline.Run(Options([_shop]));
    }

    [Fact]
    public void The_analysis_tables_have_the_layout_of_this_version_or_the_version_was_bumped()
    {
        using var store = SegmentaStore.Open(_database);
        var columns = store.Query(
            "SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, column_name",
            r => r.GetString(0));
        var actual = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', columns))))[..16];

        Assert.True(actual == Fingerprint,
            $"The tables the analysis writes changed (fingerprint {actual}, recorded {Fingerprint} for version {AnalysisSchema.Version}): bump "
            + "AnalysisSchema.Version so that databases written before are refused with what to do, and set Fingerprint to the new value.");
    }

    [Fact]
    public void A_database_analysed_before_tables_carried_a_version_is_refused_by_every_reader_and_rebuilt_by_analyze()
    {
        var lines = Lines();
        using (var store = SegmentaStore.Open(_database))
        {
            store.Execute("DROP TABLE analysis_schema");
        }

        var errors = new[]
        {
            Assert.Throws<SegmentaException>(() => AnalysisPipeline.Resegment(Options([]))),
            Assert.Throws<SegmentaException>(() => AnalysisPipeline.Report(_database, _directory.File("report.html"))),
            Assert.Throws<SegmentaException>(() => AnalysisPipeline.Lifetime(_database, Options([]))),
            Assert.Throws<SegmentaException>(() => AnalysisPipeline.Recommend(_database, _directory.File("recs"), new RecommendationOptions())),
            Assert.Throws<SegmentaException>(() => AnalysisPipeline.Explore(_database, Options([]))),
        };
        Assert.All(errors, e =>
        {
            Assert.Contains("earlier version", e.Message, StringComparison.Ordinal);
            Assert.Contains($"segmenta analyze --db {_database}", e.Message, StringComparison.Ordinal);
        });
        Assert.Equal(lines, Lines());

        // What the message says to do: analyse the stored lines again, with no file.
        var rebuilt = AnalysisPipeline.Run(Options([]));
        Assert.True(rebuilt.Cleaning.LinesKept > 0);
        Assert.Equal(lines, Lines());
        AnalysisPipeline.Report(_database, _directory.File("report.html"));
    }

    [Fact]
    public void A_database_analysed_by_a_newer_version_is_refused_naming_both_versions()
    {
        using (var store = SegmentaStore.Open(_database))
        {
            store.Execute($"UPDATE analysis_schema SET version = {AnalysisSchema.Version + 1}");
        }

        var error = Assert.Throws<SegmentaException>(() => AnalysisPipeline.Resegment(Options([])));

        Assert.Contains("newer version", error.Message, StringComparison.Ordinal);
        Assert.Contains($"version {AnalysisSchema.Version + 1}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private long Lines()
    {
        using var store = SegmentaStore.Open(_database);
        return store.Scalar<long>("SELECT count(*) FROM raw_lines");
    }

    private AnalysisOptions Options(string[] inputs) => new()
    {
        Inputs = inputs,
        OutputDirectory = _directory.File("out"),
        DatabasePath = _database,
    };
}
