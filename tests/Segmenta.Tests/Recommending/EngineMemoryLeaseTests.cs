using Segmenta.Recommending;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Recommending;

public sealed class EngineMemoryLeaseTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData("8GB", "1907MiB")] // a quarter
    [InlineData("2GB", "1024MiB")] // never below 1 GiB
    [InlineData("512MB", "488MiB")] // never above the store's limit
    [InlineData("16GiB", "4096MiB")]
    [InlineData("not a size", "not a size")]
    public void The_lowered_limit_is_a_quarter_of_the_stores_but_at_least_1_GiB_and_at_most_the_stores(string limit, string lowered) =>
        Assert.Equal(lowered, EngineMemoryLease.Lowered(limit));

    [Fact]
    public void The_stores_limit_is_lowered_while_the_lease_lasts_and_set_back_after()
    {
        using var store = SegmentaStore.Open(_directory.File("lease.duckdb"));
        string Limit() => store.Scalar<string>("SELECT current_setting('memory_limit')")!;
        var before = Limit();

        string during;
        using (EngineMemoryLease.Lower(store))
        {
            during = Limit();
        }

        Assert.NotEqual(before, during);
        Assert.Equal(before, Limit());
    }

    [Fact]
    public void The_lease_sets_back_the_limit_in_force_before_it_not_the_stores()
    {
        using var store = SegmentaStore.Open(_directory.File("inforce.duckdb"));
        string Limit() => store.Scalar<string>("SELECT current_setting('memory_limit')")!;
        string during;

        using (EngineLimits.CustomerSteps(store))
        {
            var share = Limit();
            using (EngineMemoryLease.Lower(store))
            {
                during = Limit();
            }
            Assert.Equal(share, Limit());
        }

        Assert.NotEqual(Limit(), during);
    }

    [Fact]
    public void LowerAgain_lowers_the_limit_again_when_it_was_set_back_meanwhile()
    {
        using var store = SegmentaStore.Open(_directory.File("again.duckdb"));
        string Limit() => store.Scalar<string>("SELECT current_setting('memory_limit')")!;
        var before = Limit();

        using var lease = EngineMemoryLease.Lower(store);
        var lowered = Limit();
        store.Execute($"SET memory_limit = '{before}'"); // as when the first lowering could not take hold
        lease.LowerAgain();

        Assert.NotEqual(before, lowered);
        Assert.Equal(lowered, Limit());
    }

    [Fact]
    public void A_lowering_that_cannot_take_hold_is_tried_again_beside_until_the_lease_ends()
    {
        using var store = SegmentaStore.Open(_directory.File("retry.duckdb"));
        store.Execute("SET memory_limit = '3GiB'");
        // A limit DuckDB refuses stands for one it cannot reach while queries beside hold their memory.
        var lease = new EngineMemoryLease(store, "no size", "3GiB");

        lease.LowerAgain();
        var holdsWhileRefused = lease.Holds;
        lease.Dispose();

        Assert.False(holdsWhileRefused);
        Assert.Equal("3.0 GiB", store.Scalar<string>("SELECT current_setting('memory_limit')"));
    }

    [Fact]
    public void A_lowering_that_takes_hold_starts_nothing_beside()
    {
        using var store = SegmentaStore.Open(_directory.File("holds.duckdb"));
        var before = store.Scalar<string>("SELECT current_setting('memory_limit')");

        using var lease = EngineMemoryLease.Lower(store);

        Assert.True(lease.Holds);
        Assert.NotEqual(before, store.Scalar<string>("SELECT current_setting('memory_limit')"));
    }

    public void Dispose() => _directory.Dispose();
}
