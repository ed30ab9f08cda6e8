using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Store;

public class EngineLimitsTests
{
    [Fact]
    public void A_store_spills_to_a_folder_beside_its_database_under_a_limit_below_the_memory_available()
    {
        using var directory = new TempDirectory();
        using var store = SegmentaStore.Open(directory.File("s.duckdb"));

        Assert.Equal(store.Path + ".tmp", store.Scalar<string>("SELECT current_setting('temp_directory')"));
        var limit = EngineLimits.MemoryLimit();
        Assert.EndsWith("MB", limit);
        var megabytes = long.Parse(limit[..^2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(megabytes, 256, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1048576);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData(" 1 ", 1)]
    [InlineData("4", 4)]
    public void SEGMENTA_THREADS_gives_DuckDB_s_thread_count(string? value, int? expected) => Assert.Equal(expected, EngineLimits.Threads(value));

    [Theory]
    [InlineData("two")]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_wrong_SEGMENTA_THREADS_names_the_variable(string value) =>
        Assert.Contains($"SEGMENTA_THREADS={value}", Assert.Throws<SegmentaException>(() => EngineLimits.Threads(value)).Message);
}
