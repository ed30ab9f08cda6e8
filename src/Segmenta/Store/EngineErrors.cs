namespace Segmenta.Store;

/// <summary>
/// DuckDB failures that are not bugs but the machine's limits: the disk holding the spill folder is full, the spill
/// reached its cap (<c>SEGMENTA_TEMP_LIMIT</c>), or a query needs more memory than DuckDB may use and cannot spill.
/// Every host turns them into one message saying what ran out and what to do, instead of "unexpected DuckDBException".
/// </summary>
public static class EngineErrors
{
    /// <summary>The user's message for a resource failure anywhere in <paramref name="error"/>'s chain, or null for anything else.</summary>
    public static string? Explain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException or SegmentaException)
            {
                return null;
            }
            var first = e.Message.Split('\n')[0].Trim();
            if (first.Contains("No space left on device", StringComparison.OrdinalIgnoreCase))
            {
                return $"The disk is full ({first}). DuckDB writes what does not fit in memory to the folder DATABASE.tmp beside the database "
                    + $"(or {EngineLimits.TempDirectoryVariable}); free space on that disk, or put the database on a larger disk with --db, or the spill "
                    + $"with {EngineLimits.TempDirectoryVariable}, or give DuckDB more memory with {EngineLimits.Variable} (e.g. 16GB) so that less spills. "
                    + "The imported lines are kept; run the command again.";
            }
            // DuckDB's "failed to offload data block ... This limit was set by the 'max_temp_directory_size' setting."
            if (e.Message.Contains("max_temp_directory_size", StringComparison.OrdinalIgnoreCase))
            {
                return $"DuckDB's spill reached its limit ({first}). What does not fit in memory ({EngineLimits.Variable}, now {EngineLimits.MemoryLimit()}) "
                    + $"goes to the folder DATABASE.tmp beside the database (or {EngineLimits.TempDirectoryVariable}), at most {EngineLimits.TempLimitVariable} "
                    + $"(default: half the disk's free space when the database opens), so that a spill never fills the disk. Raise {EngineLimits.TempLimitVariable} "
                    + $"(e.g. 40GB) if that disk has the room, put the spill on a larger disk with {EngineLimits.TempDirectoryVariable}, or give DuckDB more memory "
                    + $"with {EngineLimits.Variable}. The imported lines are kept; run the command again.";
            }
            if (first.StartsWith("Out of Memory", StringComparison.OrdinalIgnoreCase))
            {
                return $"DuckDB ran out of memory ({first}). Raise {EngineLimits.Variable} (now {EngineLimits.MemoryLimit()}) if the machine has more, "
                    + "or close other programs; the imported lines are kept; run the command again.";
            }
        }
        return null;
    }
}
