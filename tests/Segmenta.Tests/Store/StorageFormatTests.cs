using DuckDB.NET.Data;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Store;

public class StorageFormatTests
{
    // Enough repeated texts for a segment that a dictionary compresses (a handful of distinct values).
    private const string RepeatedTexts = """
        CREATE TABLE texts AS SELECT 'WHITE HANGING HEART T-LIGHT HOLDER ' || (i % 7) AS description FROM range(100000) t(i);
        CHECKPOINT;
        """;

    private const string Compressions = "SELECT string_agg(DISTINCT compression, ',' ORDER BY compression) FROM pragma_storage_info('texts') WHERE segment_type = 'VARCHAR'";

    [Fact]
    public void Open_creates_a_new_store_in_DuckDB_1_5_format_whose_texts_are_compressed_by_DICT_FSST()
    {
        using var directory = new TempDirectory();
        using var store = SegmentaStore.Open(directory.File("new.duckdb"));

        store.Execute(RepeatedTexts);

        Assert.Equal("DICT_FSST", store.Scalar<string>(Compressions));
    }

    [Fact]
    public void Open_keeps_a_store_made_in_the_older_format_in_that_format_and_readable()
    {
        using var directory = new TempDirectory();
        var path = directory.File("old.duckdb");
        using (var older = new DuckDBConnection($"DataSource={path}"))
        {
            older.Open();
            using var command = older.CreateCommand();
            command.CommandText = "CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (42);";
            command.ExecuteNonQuery();
        }

        using var store = SegmentaStore.Open(path);
        store.Execute(RepeatedTexts);

        Assert.Equal(42, store.Scalar<int>("SELECT x FROM kept"));
        Assert.DoesNotContain("DICT_FSST", store.Scalar<string>(Compressions));
    }
}
