namespace Segmenta.Store;

/// <summary>
/// Runs statements whose hash joins must build on the side the SQL puts on the right (the small table) rather than
/// on the side DuckDB estimates smaller. DuckDB 1.5 estimates the views over the lines (clean_lines,
/// lines_with_outcome: a POSITIONAL JOIN) at 0 rows, so left to itself it builds its hash tables on the lines
/// (decision 59); with the optimizer <c>build_side_probe_side</c> off the joins are planned as written.
/// <para>
/// <c>disabled_optimizers</c> is a global setting of the database instance (DuckDB refuses it per session), shared by
/// every connection of the process to the same file, including the steps that run at the same time on other
/// connections (Pipeline/StepBranches). So it is counted: the first scope to enter turns the optimizer off, the last
/// to leave turns it back on, in a finally block, so a failed statement never leaves it off for the rest of the run.
/// Statements of other steps planned meanwhile are planned as written too; their results do not depend on it.
/// </para>
/// </summary>
internal static class WrittenJoinOrder
{
    private const string Optimizer = "build_side_probe_side";

    private static readonly Lock Gate = new();

    /// <summary>Open scopes per database instance (the full path of its file).</summary>
    private static readonly Dictionary<string, int> Open = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> on <paramref name="store"/> with the joins planned in the order written.</summary>
    internal static void Run(SegmentaStore store, Action work)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(work);
        Enter(store);
        try
        {
            work();
        }
        finally
        {
            Leave(store);
        }
    }

    /// <summary>Runs the statements of <paramref name="sql"/> with the joins planned in the order written.</summary>
    internal static void Execute(SegmentaStore store, string sql) => Run(store, () => store.Execute(sql));

    private static void Enter(SegmentaStore store)
    {
        lock (Gate)
        {
            var open = Open.GetValueOrDefault(store.Path);
            if (open == 0)
            {
                store.Execute($"SET disabled_optimizers = '{Optimizer}'");
            }
            Open[store.Path] = open + 1;
        }
    }

    private static void Leave(SegmentaStore store)
    {
        lock (Gate)
        {
            var open = Open[store.Path] - 1;
            if (open == 0)
            {
                Open.Remove(store.Path);
                store.Execute("RESET disabled_optimizers");
            }
            else
            {
                Open[store.Path] = open;
            }
        }
    }
}
