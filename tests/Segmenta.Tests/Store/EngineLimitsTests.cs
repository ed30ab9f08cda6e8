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

    [Fact]
    public void A_spill_is_capped_at_half_the_free_space_of_its_disk_unless_a_size_is_asked()
    {
        using var directory = new TempDirectory();
        using var store = SegmentaStore.Open(directory.File("s.duckdb"));
        var free = new DriveInfo(directory.Path).AvailableFreeSpace;

        var cap = EngineLimits.TempLimit(null, store.Path + ".tmp");
        var megabytes = long.Parse(cap[..^2], System.Globalization.CultureInfo.InvariantCulture);

        Assert.EndsWith("MB", cap);
        // Other programs write to the same disk meanwhile: within 10 % of half of what was free a moment ago.
        Assert.InRange(megabytes, free / 2 / 1048576 * 9 / 10, free / 2 / 1048576 * 11 / 10 + 1);
        Assert.Equal("20GB", EngineLimits.TempLimit(" 20 gb ", "/nowhere"));
        Assert.Contains("SEGMENTA_TEMP_LIMIT=lots", Assert.Throws<SegmentaException>(() => EngineLimits.TempLimit("lots", "/nowhere")).Message);
    }

    [Fact]
    public void SEGMENTA_TEMP_DIR_moves_the_spill_folder()
    {
        Assert.Equal("/data/db.duckdb.tmp", EngineLimits.TempDirectory("/data/db.duckdb", null));
        Assert.Equal("/data/db.duckdb.tmp", EngineLimits.TempDirectory("/data/db.duckdb", " "));
        Assert.Equal("/big/spill", EngineLimits.TempDirectory("/data/db.duckdb", " /big/spill "));
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
