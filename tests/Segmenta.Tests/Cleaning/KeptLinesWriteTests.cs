using DuckDB.NET.Data;
using Segmenta.Cleaning;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cleaning;

/// <summary>The kept lines' write on a connection of its own reports its failure to the cleaning that waits for it.</summary>
public sealed class KeptLinesWriteTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void WaitForKeptLines_throws_the_failure_of_the_write_and_Dispose_does_not()
    {
        using var store = SegmentaStore.Open(_directory.File("store.duckdb"));

        // Without line_rules.sql there is no claimed_lines table to leave out of the kept lines.
        var write = KeptLinesWrite.Start(store, withPurchaseTables: true);

        var failure = Assert.ThrowsAny<DuckDBException>(write.WaitForKeptLines);
        Assert.Contains("claimed_lines", failure.Message, StringComparison.Ordinal);
        write.Dispose();
        Assert.False(store.HasTable("kept_lines"));
    }

    public void Dispose() => _directory.Dispose();
}
