using Segmenta.Store;

namespace Segmenta.Cleaning;

/// <summary>
/// The kept lines (kept_lines.sql), then the products' names (product_names.sql) and optionally the purchase tables made
/// from them, written on a second connection
/// to the store while the cleaning's own connection goes on (decision 93): the kept lines depend on line_rules only, and
/// the purchase tables on the kept lines only, so neither waits for the ReturnMatcher, and the purchase tables need not
/// hold up the customer features. Dispose interrupts the write when it has not finished (the caller failed or was
/// cancelled) and waits for it (no statement outlives the store), without throwing.
/// </summary>
internal sealed class KeptLinesWrite : IDisposable
{
    private readonly TaskCompletionSource _kept = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // True once the cleaning's connection has set the instance's settings back (SettingsRestored), false when the write is
    // abandoned (Dispose): the purchase tables wait for it, so that no instance-wide SET or RESET runs beside their write.
    private readonly TaskCompletionSource<bool> _settingsBack = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _all;
    private readonly bool _withPurchaseTables;
    private readonly Lock _connectionLock = new();
    private SegmentaStore? _connection;

    private KeptLinesWrite(SegmentaStore store, bool withPurchaseTables)
    {
        _withPurchaseTables = withPurchaseTables;
        _all = OwnThread.Start(() =>
        {
            var other = store.Duplicate();
            try
            {
                lock (_connectionLock)
                {
                    _connection = other;
                }
                other.Execute(SqlScripts.Get("Cleaning/kept_lines.sql"));
                _kept.SetResult();
                if (_settingsBack.Task.GetAwaiter().GetResult())
                {
                    // The products' names before the purchase tables, which take their descriptions from them.
                    other.Execute(SqlScripts.Get("Cleaning/product_names.sql"));
                    if (withPurchaseTables)
                    {
                        PurchaseTables.WriteTables(other);
                    }
                }
            }
            catch (Exception e)
            {
                _kept.TrySetException(e);
                throw;
            }
            finally
            {
                lock (_connectionLock)
                {
                    _connection = null;
                }
                other.Dispose();
            }
        });
    }

    /// <summary>Starts writing on a connection of its own; line_rules.sql must have run (its claimed_lines table).</summary>
    internal static KeptLinesWrite Start(SegmentaStore store, bool withPurchaseTables) => new(store, withPurchaseTables);

    /// <summary>Waits until clean_lines holds the new kept lines; throws the write's failure.</summary>
    internal void WaitForKeptLines() => _kept.Task.GetAwaiter().GetResult();

    /// <summary>
    /// Lets the purchase tables be written: the cleaning's connection has set the instance-wide settings it changed for
    /// the kept lines back (<see cref="SegmentaStore.WithoutFsstOrZstd"/>). DuckDB reads such a setting while another
    /// connection writes and checkpoints, so it must not change during a write (a RESET beside the purchase tables' write
    /// crashed the process inside DuckDB once in a test run).
    /// </summary>
    internal void SettingsRestored() => _settingsBack.TrySetResult(true);

    /// <summary>
    /// Waits for the purchase tables too and records which cleaning they were made from (<paramref name="store"/>'s
    /// cleaning report must be written); throws the write's failure.
    /// </summary>
    internal void Finish(SegmentaStore store)
    {
        _all.GetAwaiter().GetResult();
        if (_withPurchaseTables)
        {
            PurchaseTables.WriteSource(store);
        }
    }

    public void Dispose()
    {
        lock (_connectionLock)
        {
            _connection?.Interrupt();
        }
        _settingsBack.TrySetResult(false);
        try
        {
            _all.Wait();
        }
        catch (AggregateException)
        {
            // Reported by WaitForKeptLines or Finish; a caller that failed first reports its own failure.
        }
    }
}
