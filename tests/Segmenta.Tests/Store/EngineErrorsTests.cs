using DuckDB.NET.Data;
using Segmenta.Store;

namespace Segmenta.Tests.Store;

/// <summary>The machine's limits (a full disk, too little memory) are told as such, not as a bug.</summary>
public class EngineErrorsTests
{
    [Fact]
    public void A_query_that_needs_more_memory_than_allowed_is_told_as_out_of_memory_with_the_setting_to_raise()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // No spill folder and 16 MB: a distinct count of ten million texts cannot fit (a real DuckDB error, not a made-up one).
        command.CommandText = "SET temp_directory = ''; SET memory_limit = '16MB'; SET threads = 1; SELECT count(DISTINCT 'customer ' || i::VARCHAR) FROM range(10000000) t(i)";

        var error = Assert.ThrowsAny<Exception>(() => command.ExecuteScalar());
        var message = EngineErrors.Explain(error);

        Assert.NotNull(message);
        Assert.Contains("ran out of memory", message, StringComparison.Ordinal);
        Assert.Contains("SEGMENTA_MEMORY_LIMIT", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spill_beyond_its_cap_is_told_with_the_settings_that_move_it()
    {
        using var folder = new Segmenta.Tests.Support.TempDirectory();
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // 16 MB of memory, a spill folder capped at 1 MB: the distinct count of ten million texts must spill more than that.
        var spill = folder.File("spill").Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = $"SET temp_directory = '{spill}'; SET max_temp_directory_size = '1MB'; SET memory_limit = '16MB'; SET threads = 1; "
            + "SELECT count(DISTINCT 'customer ' || i::VARCHAR) FROM range(10000000) t(i)";

        var error = Assert.ThrowsAny<Exception>(() => command.ExecuteScalar());
        var message = EngineErrors.Explain(error);

        Assert.NotNull(message);
        Assert.Contains("spill reached its limit", message, StringComparison.Ordinal);
        Assert.Contains("SEGMENTA_TEMP_LIMIT", message, StringComparison.Ordinal);
        Assert.Contains("SEGMENTA_TEMP_DIR", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_disk_names_the_spill_folder_and_what_to_do()
    {
        // DuckDB's message when the spill file cannot be written (seen at 100M lines, session 7), wrapped as a step's failure.
        var error = new InvalidOperationException("Profiling segments failed", new InvalidOperationException(
            "IO Error: Could not write file \"/tmp/out/segmenta.duckdb.tmp/duckdb_temp_storage_S32K-0.tmp\": No space left on device\n\nmore"));

        var message = EngineErrors.Explain(error);

        Assert.NotNull(message);
        Assert.Contains("disk is full", message, StringComparison.Ordinal);
        Assert.Contains("segmenta.duckdb.tmp", message, StringComparison.Ordinal);
        Assert.Contains("--db", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_failures_are_not_explained_as_limits()
    {
        Assert.Null(EngineErrors.Explain(new InvalidOperationException("Binder Error: column x not found")));
        Assert.Null(EngineErrors.Explain(new IOException("No space left on device")));
    }
}
