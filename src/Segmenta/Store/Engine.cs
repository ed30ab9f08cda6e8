namespace Segmenta.Store;

/// <summary>Where the transaction-level SQL runs.</summary>
public enum Engine
{
    /// <summary>The embedded DuckDB database file (the default).</summary>
    DuckDb,

    /// <summary>A PostgreSQL server (or a coordinator with shards) that holds or receives the transactions.</summary>
    Postgres,
}
