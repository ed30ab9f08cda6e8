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
        Assert.EndsWith("MiB", limit);
        var megabytes = long.Parse(limit[..^3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(megabytes, 256, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1048576);
    }

    [Theory]
    [InlineData(24L << 30, 8L << 30)]
    [InlineData(3L << 30, 1L << 30)]
    [InlineData(600L << 20, 256L << 20)]
    public void The_default_limit_is_a_third_of_the_memory_available_and_at_least_256_MB(long available, long expected) =>
        Assert.Equal(expected, EngineLimits.DefaultMemoryLimit(available));

    [Fact]
    public void The_default_limit_leaves_a_24_GB_machine_room_for_the_customer_level_work_within_half_its_memory()
    {
        // The 100M run: DuckDB at its limit until the customer-level steps, then recommending's ≈ 6 GB of C# arrays
        // beside DuckDB's lowered limit (docs/benchmarks.md, session 14); the target is 12 GB on this machine.
        var limit = EngineLimits.DefaultMemoryLimit(24L << 30);

        Assert.True(limit + (4L << 30) <= 12L << 30, $"{limit >> 20} MiB leaves less than 4 GiB under 12 GiB");
    }

    [Theory]
    [InlineData("8GB", 2, "3814MiB")] // a half
    [InlineData("1GB", 2, "953MiB")] // never above the limit
    [InlineData("2GiB", 2, "1024MiB")]
    [InlineData("1.5GB", 4, "1024MiB")] // never below the floor
    [InlineData("lots", 2, "lots")]
    public void A_share_of_the_limit_is_its_part_between_the_floor_and_the_limit(string limit, long divisor, string share) =>
        Assert.Equal(share, EngineLimits.Share(limit, divisor, 1L << 30));

    [Fact]
    public void The_customer_level_steps_run_under_half_the_stores_limit_and_set_it_back_after()
    {
        using var directory = new TempDirectory();
        using var store = SegmentaStore.Open(directory.File("share.duckdb"));
        string Limit() => store.Scalar<string>("SELECT current_setting('memory_limit')")!;
        var before = Limit();
        using var other = SegmentaStore.Open(directory.File("other.duckdb"));
        other.Execute($"SET memory_limit = '{EngineLimits.Share(EngineLimits.MemoryLimit(), 2, 1L << 30)}'");

        string during;
        using (EngineLimits.CustomerSteps(store))
        {
            during = Limit();
        }

        Assert.Equal(other.Scalar<string>("SELECT current_setting('memory_limit')"), during);
        Assert.Equal(before, Limit());
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
