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
}
