namespace Segmenta.Postgres;

/// <summary>
/// Where <c>segmenta analyze --engine postgres</c> runs: the server, the schema Segmenta writes to, the table that
/// already holds the transactions (or none: the input files are imported there), and the shards of a cluster.
/// </summary>
public sealed record PostgresOptions
{
    /// <summary>Npgsql connection string of the server (the coordinator of a cluster): Host=...;Database=...;Username=...</summary>
    public required string Connection { get; init; }

    /// <summary>Schema for Segmenta's tables (lines, cleaning, customers, segments). Default: segmenta.</summary>
    public string Schema { get; init; } = "segmenta";

    /// <summary>An existing table of transactions (schema.table or table), read in place with the --map roles; null = import the input files.</summary>
    public string? Table { get; init; }

    /// <summary>
    /// Connection strings of the shard servers. Empty = one server. Otherwise the lines are hash-partitioned by customer
    /// id over the shards as postgres_fdw foreign partitions, and per-customer aggregates run on the shards.
    /// </summary>
    public IReadOnlyList<string> Shards { get; init; } = [];

    /// <summary>Checks the options once, where they enter.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Connection))
        {
            throw new InvalidOptionException("Postgres.Connection", "give the server as Host=HOST;Port=5432;Database=DB;Username=USER.");
        }
        foreach (var (property, connection) in Shards.Select(s => ("Postgres.Shards", s)).Prepend(("Postgres.Connection", Connection)))
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(connection);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOptionException(property, $"'{SafeText.Clip(connection, 80)}' is not a connection string ({e.Message}); write it as Host=HOST;Port=5432;Database=DB;Username=USER.");
            }
        }
        if (string.IsNullOrWhiteSpace(Schema) || Schema.Length > 63)
        {
            throw new InvalidOptionException("Postgres.Schema", $"'{SafeText.Clip(Schema, 80)}' is not a schema name (1 to 63 characters).");
        }
        if (Shards.Count == 1)
        {
            throw new InvalidOptionException("Postgres.Shards", "a cluster needs at least two shards; give none to run on one server.");
        }
    }
}
